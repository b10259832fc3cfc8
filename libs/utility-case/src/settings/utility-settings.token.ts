/** Injects the `UtilitySettings` of the running utility. */
export const UTILITY_SETTINGS = Symbol('UTILITY_SETTINGS');

/** Injection token of the `PermitsConfig` read at start. */
export const PERMITS_CONFIG = Symbol('PERMITS_CONFIG');

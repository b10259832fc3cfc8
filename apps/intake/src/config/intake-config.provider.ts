/** Injection token of the `IntakeConfig` read at start. */
export const INTAKE_CONFIG = Symbol('INTAKE_CONFIG');

/** The three utilities an enterprise can ask for, in the form's order. */
export const UTILITIES = ['power', 'water', 'gas'] as const;

export type Utility = (typeof UTILITIES)[number];

/** Every service that publishes events. */
export const PRODUCERS = ['intake', 'power', 'water', 'gas', 'permits'] as const;

export type Producer = (typeof PRODUCERS)[number];

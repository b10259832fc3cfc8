import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { Topic, Topics } from '../topics/topics';
import { toFieldErrors } from '../validation/field-error';
import { ApplicationAccepted } from './application-accepted.event';
import { ApplicationWithdrawn } from './application-withdrawn.event';
import { PermitProgressed } from './permit-progressed.event';
import { ServiceProgressed } from './service-progressed.event';

/** Which event each topic carries. */
export interface TopicEvents {
  [Topics.applicationsAccepted]: ApplicationAccepted;
  [Topics.applicationsWithdrawn]: ApplicationWithdrawn;
  [Topics.utilityProgress]: ServiceProgressed;
  [Topics.permitsProgress]: PermitProgressed;
}

export type AnyEvent = TopicEvents[Topic];

interface EventSpec {
  type: AnyEvent['type'];
  versions: readonly number[];
  cls: ClassConstructor<AnyEvent>;
}

const SPECS: Record<Topic, EventSpec> = {
  [Topics.applicationsAccepted]: {
    type: 'ApplicationAccepted',
    versions: [1],
    cls: ApplicationAccepted,
  },
  [Topics.applicationsWithdrawn]: {
    type: 'ApplicationWithdrawn',
    versions: [1],
    cls: ApplicationWithdrawn,
  },
  [Topics.utilityProgress]: { type: 'ServiceProgressed', versions: [1], cls: ServiceProgressed },
  [Topics.permitsProgress]: { type: 'PermitProgressed', versions: [1], cls: PermitProgressed },
};

/** The version each event type is published at now. */
export const CURRENT_VERSION = 1;

/** The event type a topic carries (`ServiceProgressed` for `utility.progress`). */
export function eventTypeOf<T extends Topic>(topic: T): TopicEvents[T]['type'] {
  return SPECS[topic].type;
}

export type EventCheck<T extends Topic> =
  { ok: true; event: TopicEvents[T] } | { ok: false; reason: string };

/**
 * Parses and checks a message's value read from `topic`: JSON, the envelope,
 * the type this topic carries, a version this code knows, and the data.
 * Says what is wrong in one line, for the dead-letter headers.
 */
export function validateEvent<T extends Topic>(
  topic: T,
  value: Buffer | string | null | undefined,
): EventCheck<T> {
  if (value == null || value.length === 0) return { ok: false, reason: 'empty message value' };

  let raw: unknown;
  try {
    raw = JSON.parse(value.toString());
  } catch (error) {
    return { ok: false, reason: `value is not JSON: ${(error as Error).message}` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: 'value is not a JSON object' };
  }

  const spec = SPECS[topic];
  const { type, version } = raw as { type?: unknown; version?: unknown };
  if (type !== spec.type) {
    return { ok: false, reason: `type ${String(type)} is not ${spec.type}, the type of ${topic}` };
  }
  if (!spec.versions.includes(version as number)) {
    return { ok: false, reason: `version ${String(version)} of ${spec.type} is not known here` };
  }

  const event = plainToInstance(spec.cls, raw);
  const errors = toFieldErrors(validateSync(event, { forbidUnknownValues: true }));
  if (errors.length > 0) {
    return { ok: false, reason: errors.map((e) => `${e.field}: ${e.message}`).join('; ') };
  }
  return { ok: true, event: event as TopicEvents[T] };
}

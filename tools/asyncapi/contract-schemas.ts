import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { IS_ISO8601 } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

import {
  ApplicationForm,
  CURRENT_VERSION,
  eventTypeOf,
  HALL_CHANNELS,
  PERSONAL_DATA_FIELDS,
} from '@joint/contracts';

import { EVENT_CLASSES, TOPICS_IN_ORDER } from './event-routes';
import { JsonSchema, referencedNames, SCHEMA_POINTER } from './json-schema';

/**
 * class-validator's strict ISO 8601 takes a calendar date or a date and time; the library's
 * default (`oneOf`) would reject a string that both formats accept, and says no `type`.
 */
const ISO8601_SCHEMA = {
  type: 'string' as const,
  anyOf: [{ format: 'date-time' }, { format: 'date' }],
};

/**
 * The JSON Schemas of every event class and of the classes they nest, read from the
 * class-validator decorators (and class-transformer's `@Type` for nested classes), keyed by
 * class name. Only what the events reach is kept, in a stable order.
 */
export function contractSchemas(): Record<string, JsonSchema> {
  const all = validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: SCHEMA_POINTER,
    additionalConverters: { [IS_ISO8601]: ISO8601_SCHEMA },
  }) as Record<string, JsonSchema>;

  const schemas = reachableFrom(
    TOPICS_IN_ORDER.map((topic) => EVENT_CLASSES[topic].name),
    structuredClone(all),
  );
  Object.values(schemas).forEach(dropSiblingsOfRefs);
  markPersonalData(schemas);
  addConditionalRules(schemas);
  pinEventTypes(schemas);
  return schemas;
}

function reachableFrom(
  roots: string[],
  all: Record<string, JsonSchema>,
): Record<string, JsonSchema> {
  const kept: Record<string, JsonSchema> = {};
  const queue = [...roots];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    if (kept[name]) continue;

    const schema = all[name];
    if (!schema) throw new Error(`no schema for ${name}: is it decorated with class-validator?`);
    kept[name] = schema;
    queue.push(...referencedNames(schema));
  }
  return Object.fromEntries(
    Object.keys(kept)
      .sort()
      .map((name) => [name, kept[name]]),
  );
}

/** A `$ref` stands alone in draft 7: whatever sits beside it is ignored, so say nothing there. */
function dropSiblingsOfRefs(schema: JsonSchema): void {
  for (const property of Object.values(schema.properties ?? {})) {
    if (!property.$ref) continue;
    for (const key of Object.keys(property)) if (key !== '$ref') delete property[key];
  }
}

function markPersonalData(schemas: Record<string, JsonSchema>): void {
  for (const { owner, properties } of PERSONAL_DATA_FIELDS) {
    for (const property of properties) {
      const schema = schemas[owner.name]?.properties?.[property];
      if (!schema) throw new Error(`personal field ${owner.name}.${property} has no schema`);
      schema['x-personal-data'] = true;
    }
  }
}

/**
 * `@ValidateIf` rules the library cannot read: a form from a hall carries its first-contact
 * officer (`isHallChannel` in libs/contracts).
 */
function addConditionalRules(schemas: Record<string, JsonSchema>): void {
  schemas[ApplicationForm.name].if = {
    properties: { channel: { enum: [...HALL_CHANNELS] } },
    required: ['channel'],
  };
  schemas[ApplicationForm.name].then = { required: ['firstContact'] };
}

/** Each event's schema names its own type and the version published now; `data` comes last. */
function pinEventTypes(schemas: Record<string, JsonSchema>): void {
  for (const topic of TOPICS_IN_ORDER) {
    const schema = schemas[EVENT_CLASSES[topic].name];
    const { data, ...envelope } = schema.properties ?? {};
    schema.properties = {
      ...envelope,
      type: { type: 'string', const: eventTypeOf(topic) },
      version: { type: 'integer', const: CURRENT_VERSION },
      data,
    };
  }
}

/** The part of a JSON Schema (draft 7, as AsyncAPI's schema format) the generator works on. */
export interface JsonSchema {
  type?: string;
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  [keyword: string]: unknown;
}

/** Where the document keeps its schemas; every `$ref` between them points here. */
export const SCHEMA_POINTER = '#/components/schemas/';

export function refTo(name: string): JsonSchema {
  return { $ref: `${SCHEMA_POINTER}${name}` };
}

/** The names of the component schemas that `schema` refers to, at any depth. */
export function referencedNames(schema: unknown): string[] {
  if (Array.isArray(schema)) return schema.flatMap(referencedNames);
  if (typeof schema !== 'object' || schema === null) return [];

  return Object.entries(schema).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string'
      ? [value.slice(SCHEMA_POINTER.length)]
      : referencedNames(value),
  );
}

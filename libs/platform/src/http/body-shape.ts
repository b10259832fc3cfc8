import type { FieldError } from '@joint/contracts';

/** NUL, or half of a surrogate pair: text PostgreSQL cannot store (text and jsonb alike). */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface Pending {
  value: unknown;
  path: string;
  depth: number;
}

/**
 * The first thing wrong with a parsed body's shape, before any validation
 * walks it: an object or array nested deeper than `maxDepth` levels (the body
 * itself is level 1), or a key or string that could not be stored. Stops
 * descending at `maxDepth`, so a hostile body costs no more than a real one.
 */
export function findBadShape(body: unknown, maxDepth: number): FieldError | undefined {
  const pending: Pending[] = [{ value: body, path: '', depth: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path, depth } = next;
    const field = path || '(body)';
    if (typeof value === 'string' && UNSTORABLE.test(value)) {
      return { field, message: 'holds a NUL character or half a surrogate pair' };
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxDepth) {
      return { field, message: `objects and arrays nest deeper than ${maxDepth} levels here` };
    }
    const badKey = Object.keys(value).find((key) => UNSTORABLE.test(key));
    if (badKey !== undefined) {
      return { field, message: 'has a key with a NUL character or half a surrogate pair' };
    }
    pending.push(...childrenOf(value, path, depth));
  }
  return undefined;
}

/** Reversed, so the stack visits children in the body's own order. */
function childrenOf(value: object, path: string, depth: number): Pending[] {
  return Object.entries(value as Record<string, unknown>)
    .map(([key, child]) => ({
      value: child,
      path: path ? `${path}.${key}` : key,
      depth: depth + 1,
    }))
    .reverse();
}

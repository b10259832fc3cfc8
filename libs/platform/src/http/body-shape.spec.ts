import { findBadShape } from './body-shape';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

describe('findBadShape', () => {
  it('accepts scalars, storable text and bodies up to the depth limit', () => {
    expect(findBadShape('text', 2)).toBeUndefined();
    expect(findBadShape(null, 2)).toBeUndefined();
    expect(findBadShape({ a: { b: 1 } }, 2)).toBeUndefined();
    expect(findBadShape(nested(8), 8)).toBeUndefined();
    expect(
      findBadShape({ name: '𠀀𪚥🏭', sql: "'; DROP TABLE application; --" }, 2),
    ).toBeUndefined();
  });

  it('names the path where the body got too deep', () => {
    const tooDeep = { message: 'objects and arrays nest deeper than 3 levels here' };

    expect(findBadShape({ ok: 1, a: { b: { c: {} } } }, 3)).toEqual({ field: 'a.b.c', ...tooDeep });
    expect(findBadShape({ list: [1, [2, [3]]] }, 3)).toEqual({ field: 'list.1.1', ...tooDeep });
  });

  it('reports the first bad path in the order of the body', () => {
    expect(findBadShape({ x: { y: {} }, z: { w: {} } }, 2)?.field).toBe('x.y');
  });

  it('names a string or key PostgreSQL could not store', () => {
    expect(findBadShape({ a: { name: 'x\0y' } }, 8)?.field).toBe('a.name');
    expect(findBadShape({ a: ['ok', 'x\uD800'] }, 8)?.field).toBe('a.1');
    expect(findBadShape({ a: '\uDC00x' }, 8)?.field).toBe('a');
    expect(findBadShape({ a: { 'k\0': 1 } }, 8)?.field).toBe('a');
  });

  it('stays cheap on a hostile depth', () => {
    expect(findBadShape(nested(100_000), 8)?.field).toBe('0.a.0.a.0.a.0.a');
  });
});

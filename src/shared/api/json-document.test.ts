import { describe, expect, it } from 'vitest';
import { boundedJsonObject, jsonLimitBreach, type JsonDocumentLimits } from './json-document.js';

const LIMITS: JsonDocumentLimits = {
  maxEntries: 10,
  maxDepth: 3,
  maxKeyLength: 8,
  maxStringLength: 16,
  maxBytes: 200,
};

describe('a bounded JSON document', () => {
  it('takes strings, numbers, booleans, null, nested objects and arrays within the bounds', () => {
    const doc = {
      key: 'secret',
      rates: { USD: { BTC: '50000' } },
      on: true,
      n: 1.5,
      none: null,
      list: [1, 'a'],
    };
    expect(jsonLimitBreach(doc, { ...LIMITS, maxEntries: 20 })).toBeNull();
    expect(boundedJsonObject({ ...LIMITS, maxEntries: 20 }).safeParse(doc).success).toBe(true);
  });

  it.each([
    ['too deep', { a: { b: { c: { d: 1 } } } }, ['a', 'b', 'c'], 'nests deeper than 3 levels'],
    ['a long string', { a: { b: 'x'.repeat(17) } }, ['a', 'b'], 'at most 16 characters'],
    ['a long key', { a: { abcdefghi: 1 } }, ['a'], 'keys must be 1 to 8 characters'],
    ['an empty key', { '': 1 }, [], 'keys must be 1 to 8 characters'],
    ['too many entries', { list: Array.from({ length: 10 }, (_, i) => i) }, ['list'], 'more than 10'],
    [
      'too many bytes',
      Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k) => [k, 'é'.repeat(16)])),
      [],
      'at most 200 bytes',
    ],
  ])('%s: the breach is named where it happens', (_name, doc, path, message) => {
    const breach = jsonLimitBreach(doc, LIMITS);
    expect(breach?.path).toEqual(path);
    expect(breach?.message).toContain(message);
  });

  it('never quotes a value in its message', () => {
    const breach = jsonLimitBreach({ secret: 'sk_live_0123456789abcdef' }, LIMITS);
    expect(breach?.message).not.toContain('sk_live');
  });

  it('nesting far past the bound is refused without exhausting the stack', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonLimitBreach({ deep }, LIMITS)?.message).toContain('nests deeper');
  });

  it('as a zod schema: an issue at the path of the breach; arrays and strings are not objects', () => {
    const schema = boundedJsonObject(LIMITS);
    const result = schema.safeParse({ a: { b: 'x'.repeat(17) } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['a', 'b']);
    expect(schema.safeParse(['a']).success).toBe(false);
    expect(schema.safeParse('a').success).toBe(false);
  });
});

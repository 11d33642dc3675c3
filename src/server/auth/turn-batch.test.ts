import { describe, expect, test } from 'vitest';
import { TurnBatch } from './turn-batch.js';

describe('TurnBatch', () => {
  const counting = (table: Record<string, number>) => {
    const calls: string[][] = [];
    const batch = new TurnBatch<number>(async (keys) => {
      calls.push(keys);
      return new Map(keys.flatMap((k) => (k in table ? [[k, table[k]!] as const] : [])));
    });
    return { batch, calls };
  };

  test('keys asked in one turn share one load, each distinct key once; each caller gets its own answer', async () => {
    const { batch, calls } = counting({ a: 1, b: 2 });
    const answers = await Promise.all([batch.get('a'), batch.get('b'), batch.get('a'), batch.get('zz')]);
    expect(answers).toEqual([1, 2, 1, undefined]);
    expect(calls).toEqual([['a', 'b', 'zz']]);
  });

  test('nothing is kept: a later turn loads again and sees what changed meanwhile', async () => {
    const table: Record<string, number> = { a: 1 };
    const { batch, calls } = counting(table);
    expect(await batch.get('a')).toBe(1);
    delete table.a;
    expect(await batch.get('a')).toBeUndefined();
    expect(calls).toEqual([['a'], ['a']]);
  });

  test('a failed load fails every caller of that turn, and only of that turn', async () => {
    let fail = true;
    const batch = new TurnBatch<number>(async (keys) => {
      if (fail) throw new Error('database gone');
      return new Map(keys.map((k) => [k, 7]));
    });
    const first = [batch.get('a'), batch.get('b')];
    await expect(Promise.all(first)).rejects.toThrow('database gone');
    await expect(first[1]).rejects.toThrow('database gone');
    fail = false;
    expect(await batch.get('a')).toBe(7);
  });
});

import { describe, expect, it } from 'vitest';
import { gapLevel, gapWarnings, parseGapLimit } from './crypto-gaps';

const network = (name: 'bitcoin' | 'ethereum' | 'tron', gap: number) => ({
  network: name,
  assets: [],
  nextIndex: gap,
  highestUsedIndex: null,
  gap,
});

describe('crypto address gaps', () => {
  it('warn from 80% of the limit, and say when it is reached', () => {
    expect([0, 15, 16, 19, 20, 25].map((gap) => gapLevel(gap, 20))).toEqual([
      'ok',
      'ok',
      'near',
      'near',
      'reached',
      'reached',
    ]);
    // A small limit still warns one address before it.
    expect([0, 1, 2].map((gap) => gapLevel(gap, 2))).toEqual(['ok', 'near', 'reached']);
    expect(gapLevel(0, 1)).toBe('near');
  });

  it('list only the networks that need a warning, worst first', () => {
    expect(gapWarnings([network('bitcoin', 17), network('ethereum', 3), network('tron', 21)], 20)).toEqual([
      { network: 'tron', gap: 21, level: 'reached' },
      { network: 'bitcoin', gap: 17, level: 'near' },
    ]);
  });

  it('take a gap limit of 1 to 1000 only', () => {
    expect(parseGapLimit(' 40 ')).toEqual({ ok: true, value: 40 });
    for (const bad of ['', '0', '1001', '2.5', '-3', 'twenty'])
      expect(parseGapLimit(bad).ok, bad).toBe(false);
  });
});

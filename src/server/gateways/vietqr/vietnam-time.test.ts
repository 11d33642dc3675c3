import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoCodeFor, isMemoCode } from './memo.js';
import { parseVietnamDateTime, vietnamDate, vietnamDmyDateTime, vietnamIsoDateTime } from './vietnam-time.js';

describe('Vietnamese bank times (UTC+7)', () => {
  it('writes local dates as the feeds do', () => {
    const at = new Date('2024-08-02T19:23:11Z'); // 02:23:11 on 3 August in Hanoi
    expect(vietnamDate(at)).toBe('03/08/2024');
    expect(vietnamIsoDateTime(at)).toBe('2024-08-03 02:23:11');
    expect(vietnamDmyDateTime(at)).toBe('03/08/2024 02:23:11');
  });

  it('reads both forms back to the same instant, and nothing else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800 }), (seconds) => {
        const at = new Date(seconds * 1000);
        expect(parseVietnamDateTime(vietnamIsoDateTime(at))).toEqual(at);
        expect(parseVietnamDateTime(vietnamDmyDateTime(at))).toEqual(at);
      }),
    );
    expect(parseVietnamDateTime('yesterday')).toBeNull();
    expect(parseVietnamDateTime('2024-08-03')).toBeNull();
  });
});

describe('memo codes per payment', () => {
  it('are valid, stable, and distinct across payments and accounts', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = memoCodeFor('0011001932418', `pay_${i}`);
      expect(isMemoCode(code)).toBe(true);
      seen.add(code);
    }
    expect(seen.size).toBe(2000);
    expect(memoCodeFor('1', 'pay_1')).toBe(memoCodeFor('1', 'pay_1'));
    expect(memoCodeFor('1', 'pay_1')).not.toBe(memoCodeFor('2', 'pay_1'));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildVietQr, MAX_PURPOSE_LENGTH } from './payload.js';
import { findMemoCodes, isMemoCode, newMemoCode } from './memo.js';

describe('memo codes', () => {
  it('are short, bank-safe and valid', () => {
    for (let i = 0; i < 200; i++) {
      const code = newMemoCode();
      expect(code).toMatch(/^RC[0-9A-HJKMNP-TV-Z]{9}$/);
      expect(code.length).toBeLessThanOrEqual(MAX_PURPOSE_LENGTH);
      expect(isMemoCode(code)).toBe(true);
      expect(() =>
        buildVietQr({ bankBin: '970415', accountNumber: '1', service: 'account', purpose: code }),
      ).not.toThrow();
    }
  });

  it('refuse any single changed symbol', () => {
    const code = newMemoCode();
    for (let at = 2; at < code.length; at++) {
      for (const c of '0123456789ABCDEFGHJKMNPQRSTVWXYZ') {
        if (c === code[at]) continue;
        expect(isMemoCode(code.slice(0, at) + c + code.slice(at + 1))).toBe(false);
      }
    }
  });

  it('are found again in what banks make of the transfer content', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (before, after) => {
        const code = newMemoCode();
        const spaced = `${code.slice(0, 5)} ${code.slice(5)}`.toLowerCase();
        for (const content of [
          `${before}${code}${after}`,
          `MBVCB.4567.${code}.CT tu 0123 ${after}`,
          `${before} ${spaced} GD 789604-040125 00:05:38`,
        ]) {
          expect(findMemoCodes(content)).toContain(code);
        }
      }),
    );
  });

  it('finds nothing in content without a code', () => {
    expect(findMemoCodes('SHOPVPS12537 GD 789604-040125 00:05:38')).toEqual([]);
    expect(findMemoCodes('')).toEqual([]);
  });
});

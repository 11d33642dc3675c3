import { describe, expect, it } from 'vitest';
import { newId, newIdempotencyKey } from './ids.js';

describe('ids', () => {
  it('keeps the ULID layout after the pool of random bytes is drawn again', () => {
    // 4096 bytes a draw, 16 an id: 1,000 ids draw the pool four times.
    const ids = Array.from({ length: 1_000 }, () => newId('transaction', 0));
    for (const id of ids) expect(id).toMatch(/^txn_0{10}[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(newIdempotencyKey()).toMatch(/^idem_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('uses every random character, not a few of them', () => {
    const seen = new Set(Array.from({ length: 200 }, () => newId('wallet').slice(-16)).join(''));
    expect(seen.size).toBe(32);
  });
});

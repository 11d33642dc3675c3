import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestHash } from './idempotency.js';

describe('requestHash', () => {
  it('hashes a request exactly as stored keys were hashed (a replay after an upgrade still matches)', () => {
    const fingerprint = {
      method: 'POST',
      route: '/v1/wallets/:id/debits',
      params: { id: 'wal_1' },
      body: {
        description: 'Coffee é "q"',
        amount: 250,
        reference: undefined,
        tags: ['b', null, 1.5, { z: 1, a: [true] }],
      },
    };
    // The digest of {"body":{"amount":250,"description":"Coffee é \"q\"","tags":["b",null,1.5,
    // {"a":[true],"z":1}]},"method":"POST","params":{"id":"wal_1"},"route":"/v1/wallets/:id/debits"}
    expect(requestHash(fingerprint)).toBe('4cbe8d3f9dbf6520cc61b66821003d11f875c6c4ced2370430c961df94b19cfa');
  });

  it('does not depend on the order of keys, and tells different requests apart', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue(), (record, other) => {
        fc.pre(!Object.hasOwn(record, '\u0001extra'));
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(requestHash(reversed)).toBe(requestHash(record));
        const changed = { ...record, ['\u0001extra']: other };
        expect(requestHash(changed)).not.toBe(requestHash(record));
      }),
    );
  });
});

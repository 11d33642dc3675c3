/**
 * Identifiers: a type prefix plus a time-ordered, random suffix (ULID layout: 48 bits of
 * milliseconds, then 80 random bits, Crockford base32). Clients may generate them too, e.g. for
 * idempotency keys of queued writes.
 */
export const ID_PREFIXES = {
  reseller: 'rsl',
  user: 'usr',
  session: 'ses',
  apiKey: 'key',
  customer: 'cus',
  wallet: 'wal',
  transaction: 'txn',
  hold: 'hld',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function encodeRandom(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % 32];
  return out;
}

export function newId(kind: IdKind, now: number = Date.now()): string {
  return `${ID_PREFIXES[kind]}_${encodeTime(now)}${encodeRandom()}`;
}

/** A fresh idempotency key for a money-moving request. */
export function newIdempotencyKey(): string {
  return `idem_${encodeTime(Date.now())}${encodeRandom()}`;
}

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

/** Random characters per id: 16 of 5 bits, the ULID's 80 random bits. */
const RANDOM_CHARS = 16;
/**
 * Random bytes drawn 4 KiB at a time and handed out 16 per id: a replay makes tens of thousands of
 * ids (ledger rows, audit records, keys), and one getRandomValues call each cost more than the rest
 * of making the id. Each byte is used once, so ids stay as unpredictable as before.
 */
const pool = new Uint8Array(4096);
let used = pool.length;

function encodeRandom(): string {
  if (used + RANDOM_CHARS > pool.length) {
    globalThis.crypto.getRandomValues(pool);
    used = 0;
  }
  let out = '';
  for (let i = used; i < used + RANDOM_CHARS; i++) out += ALPHABET[pool[i]! % 32];
  used += RANDOM_CHARS;
  return out;
}

export function newId(kind: IdKind, now: number = Date.now()): string {
  return `${ID_PREFIXES[kind]}_${encodeTime(now)}${encodeRandom()}`;
}

/** A fresh idempotency key for a money-moving request. */
export function newIdempotencyKey(): string {
  return `idem_${encodeTime(Date.now())}${encodeRandom()}`;
}

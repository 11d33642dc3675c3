import { newId } from '../../shared/ids.js';

/** Ids of the catalog, order and subscription records, in the layout of src/shared/ids.ts. */
const PREFIXES = {
  product: 'prd',
  order: 'ord',
  subscription: 'sub',
  attempt: 'sat',
  notice: 'ntc',
} as const;

export function ordersId(kind: keyof typeof PREFIXES, now?: number): string {
  return `${PREFIXES[kind]}${newId('transaction', now).slice('txn'.length)}`;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * What a person quotes: "ORD-20300101-7K2QXM" (the day it was placed, six random characters).
 * Unique per reseller by index; a collision (1 in 10^9 per day) is refused as a conflict and retried.
 */
export function orderNumber(now: string): string {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  let suffix = '';
  for (const b of bytes) suffix += ALPHABET[b % 32];
  return `ORD-${now.slice(0, 10).replaceAll('-', '')}-${suffix}`;
}

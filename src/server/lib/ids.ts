import { newId } from '../../shared/ids.js';

/**
 * Ids of the payment records, in the layout of src/shared/ids.ts (prefix, time-ordered ULID-style
 * suffix). Kept here rather than in the shared prefix table: only the server mints these. Neutral
 * ground: the payment services and the gateways (the sandbox mints its own) both use it.
 */
const PREFIXES = {
  payment: 'pay',
  payer: 'pyr',
  savedMethod: 'pmt',
  review: 'rev',
  topUpLink: 'lnk',
  gatewayEvent: 'gev',
  sandboxCheckout: 'sbx',
  sandboxEvent: 'sbevt',
  refund: 'rfd',
} as const;

export function paymentsId(kind: keyof typeof PREFIXES): string {
  // newId gives "<prefix>_<suffix>": keep the suffix, put our own prefix in front.
  return `${PREFIXES[kind]}${newId('transaction').slice('txn'.length)}`;
}

import { createHash, randomInt } from 'node:crypto';
import {
  MEMO_PREFIX,
  MEMO_RANDOM_SYMBOLS as RANDOM_SYMBOLS,
  MEMO_SYMBOLS as SYMBOLS,
  memoCheckSymbol as checkSymbol,
} from '../../../shared/vietqr-memo.js';

/**
 * Per-payment memo codes for bank transfers: minted here; read back out of a bank's transfer content
 * by src/shared/vietqr-memo.ts (shared with the desktop's reconciliation workbench).
 */
export { findMemoCodes, isMemoCode, MEMO_PREFIX } from '../../../shared/vietqr-memo.js';

/** A new code, e.g. "RC7K2M9QX4" + check symbol: 11 characters, 40 random bits. */
export function newMemoCode(): string {
  let symbols = '';
  for (let i = 0; i < RANDOM_SYMBOLS; i++) symbols += SYMBOLS[randomInt(32)];
  return `${MEMO_PREFIX}${symbols}${checkSymbol(symbols)}`;
}

/**
 * The code for one payment, the same every time it is asked for: a retried checkout shows the same
 * QR code, and the status check finds the code again from the payment alone. `scope` (the receiving
 * account) keeps equal references of different resellers apart. 40 bits from SHA-256.
 */
export function memoCodeFor(scope: string, reference: string): string {
  const digest = createHash('sha256').update(`${scope}\0${reference}`).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let symbols = '';
  for (let i = RANDOM_SYMBOLS - 1; i >= 0; i--) symbols += SYMBOLS[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${MEMO_PREFIX}${symbols}${checkSymbol(symbols)}`;
}

import { createHash, randomInt } from 'node:crypto';

/**
 * Per-payment memo codes for bank transfers. The payer's bank copies the VietQR purpose into the
 * transfer content, but banks uppercase it, drop or add punctuation and spaces, and wrap it in their
 * own text ("MBVCB.4567.RC7K2M9QX4.CT tu ..."). So a code is letters and digits only, fixed length,
 * with a check symbol: found again in any such content by scanning, never confused with a neighbour.
 */

export const MEMO_PREFIX = 'RC';
/** Crockford base32: no I, L, O, U, which people and OCR confuse with 1, 1, 0, V. */
const SYMBOLS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_SYMBOLS = 8;
/** Odd weights are invertible mod 32, so any single changed symbol changes the check symbol. */
const WEIGHTS = [1, 3, 5, 7, 9, 11, 13, 15];

function checkSymbol(symbols: string): string {
  let sum = 0;
  for (let i = 0; i < symbols.length; i++) sum += (WEIGHTS[i] ?? 1) * SYMBOLS.indexOf(symbols[i] ?? '0');
  return SYMBOLS[sum % 32] ?? '0';
}

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

export function isMemoCode(code: string): boolean {
  const body = code.slice(MEMO_PREFIX.length, -1);
  return (
    code.length === MEMO_PREFIX.length + RANDOM_SYMBOLS + 1 &&
    code.startsWith(MEMO_PREFIX) &&
    [...body].every((c) => SYMBOLS.includes(c)) &&
    checkSymbol(body) === code.slice(-1)
  );
}

/**
 * Every well-formed memo code in a bank's transfer content, after uppercasing and removing what
 * banks insert between characters. Overlapping windows are all tried, so a code glued to other text
 * ("XRC7K2M9QX4YCT") is still found; the check symbol rejects windows that only look like one.
 */
export function findMemoCodes(content: string): string[] {
  const text = content.toUpperCase().replace(/[^0-9A-Z]/g, '');
  const length = MEMO_PREFIX.length + RANDOM_SYMBOLS + 1;
  const found = new Set<string>();
  for (let at = text.indexOf(MEMO_PREFIX); at >= 0; at = text.indexOf(MEMO_PREFIX, at + 1)) {
    const candidate = text.slice(at, at + length);
    if (isMemoCode(candidate)) found.add(candidate);
  }
  return [...found];
}

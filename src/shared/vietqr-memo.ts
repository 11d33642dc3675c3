/**
 * Reading VietQR memo codes back out of a bank's transfer content: pure, so the billing API's bank
 * feeds and the desktop's reconciliation workbench find the same codes in the same text. Minting
 * codes stays on the server (src/server/gateways/vietqr/memo.ts), which needs node:crypto.
 *
 * Banks uppercase the purpose, drop or add punctuation and spaces, and wrap it in their own text
 * ("MBVCB.4567.RC7K2M9QX4.CT tu ..."): a code is letters and digits only, fixed length, with a check
 * symbol, found again in any such content by scanning, never confused with a neighbour.
 */

export const MEMO_PREFIX = 'RC';
/** Crockford base32: no I, L, O, U, which people and OCR confuse with 1, 1, 0, V. */
export const MEMO_SYMBOLS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const MEMO_RANDOM_SYMBOLS = 8;
/** Odd weights are invertible mod 32, so any single changed symbol changes the check symbol. */
const WEIGHTS = [1, 3, 5, 7, 9, 11, 13, 15];

export function memoCheckSymbol(symbols: string): string {
  let sum = 0;
  for (let i = 0; i < symbols.length; i++) sum += (WEIGHTS[i] ?? 1) * MEMO_SYMBOLS.indexOf(symbols[i] ?? '0');
  return MEMO_SYMBOLS[sum % 32] ?? '0';
}

export function isMemoCode(code: string): boolean {
  const body = code.slice(MEMO_PREFIX.length, -1);
  return (
    code.length === MEMO_PREFIX.length + MEMO_RANDOM_SYMBOLS + 1 &&
    code.startsWith(MEMO_PREFIX) &&
    [...body].every((c) => MEMO_SYMBOLS.includes(c)) &&
    memoCheckSymbol(body) === code.slice(-1)
  );
}

/**
 * Every well-formed memo code in a bank's transfer content, after uppercasing and removing what
 * banks insert between characters. Overlapping windows are all tried, so a code glued to other text
 * ("XRC7K2M9QX4YCT") is still found; the check symbol rejects windows that only look like one.
 */
export function findMemoCodes(content: string): string[] {
  const text = content.toUpperCase().replace(/[^0-9A-Z]/g, '');
  const length = MEMO_PREFIX.length + MEMO_RANDOM_SYMBOLS + 1;
  const found = new Set<string>();
  for (let at = text.indexOf(MEMO_PREFIX); at >= 0; at = text.indexOf(MEMO_PREFIX, at + 1)) {
    const candidate = text.slice(at, at + length);
    if (isMemoCode(candidate)) found.add(candidate);
  }
  return [...found];
}

/**
 * The fee rule for top-ups, in one place (the billing API computes it once, when a payment is
 * created, and stores it; the Top Up screen previews it with the same function):
 *
 *   The payer pays amount + fee; the wallet is credited exactly `amount`, what the customer asked for.
 *   fee = ceil(amount × feeBasisPoints / 10 000), in integer minor units of the wallet's currency.
 *
 * Rounded UP to the next minor unit, so a fee is never under the rate the reseller set (1% of
 * 0.50 USD is 0.50 ¢ → 1 ¢). Computed in bigint: amount × basis points can pass 2^53.
 */
export function topUpFee(amount: number, feeBasisPoints: number): number {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`not an amount: ${amount}`);
  if (!Number.isInteger(feeBasisPoints) || feeBasisPoints < 0 || feeBasisPoints > 10_000) {
    throw new RangeError(`not a fee in basis points: ${feeBasisPoints}`);
  }
  const scaled = BigInt(amount) * BigInt(feeBasisPoints);
  return Number((scaled + 9_999n) / 10_000n);
}

/** What the payer is asked for: the amount the wallet receives plus the fee. */
export function totalToPay(amount: number, feeBasisPoints: number): number {
  return amount + topUpFee(amount, feeBasisPoints);
}

/**
 * A fee in basis points as a percentage, exactly, with the language's decimal mark: 290 → "2.9",
 * 5 → "0.05", 300 → "3" ("2,9" with a comma). Built from the digits, not by dividing: exact.
 */
export function feePercent(feeBasisPoints: number, decimalMark: string): string {
  const whole = Math.floor(feeBasisPoints / 100);
  const fraction = String(feeBasisPoints % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}${decimalMark}${fraction}` : String(whole);
}

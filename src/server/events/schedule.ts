/**
 * When a failed delivery is tried again, ms after the attempt that failed: the first attempt at
 * once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h — ten attempts over about
 * three days and three hours (75 h 35 min). After the last, the delivery is `failed`: every attempt
 * of the endpoint's oldest delivery has failed for three days, so the endpoint is disabled and the
 * reseller told (docs/webhooks.md).
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  14 * 3_600_000,
  20 * 3_600_000,
  24 * 3_600_000,
];

/** Attempts a delivery gets before it is given up. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** The delay after the `attempts`-th failed attempt, or null when that was the last. */
export function retryDelayMs(attempts: number): number | null {
  return RETRY_DELAYS_MS[attempts - 1] ?? null;
}

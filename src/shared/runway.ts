/**
 * The runway forecast, one formula for the API and the console:
 *
 *   daily spend = Σ |amount| of the wallet's `payment` (debit) ledger rows in the last 30 days ÷ 30
 *   runway (days) = available balance ÷ daily spend
 *
 * Amounts are integer minor units; the runway is a forecast in days, not money, so it may be
 * fractional. Nothing spent in 30 days: no runway (null, "no recent spending"). An empty wallet: 0.
 */
export const RUNWAY_WINDOW_DAYS = 30;

export const RUNWAY_FORMULA = 'runway = available balance ÷ (payments of the last 30 days ÷ 30 days)';

export function runwayDays(availableBalance: number, spentInWindow: number): number | null {
  if (spentInWindow <= 0) return null;
  if (availableBalance <= 0) return 0;
  return (availableBalance * RUNWAY_WINDOW_DAYS) / spentInWindow;
}

/** The start of the spending window (ISO), for `now` (ISO). */
export function runwayWindowStart(now: string): string {
  return new Date(Date.parse(now) - RUNWAY_WINDOW_DAYS * 86_400_000).toISOString();
}

/** "≈ 12 days left", "less than a day left", or null when nothing was spent in the window. */
export function runwayLabel(days: number | null): string | null {
  if (days === null) return null;
  if (days < 1) return 'less than a day left';
  const whole = Math.floor(days);
  return `≈ ${whole} ${whole === 1 ? 'day' : 'days'} left`;
}

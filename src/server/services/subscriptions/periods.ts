import type { BillingPeriod } from '../../db/schema.js';

const MONTHS: Record<Exclude<BillingPeriod, 'none'>, number> = { month: 1, quarter: 3, year: 12 };

/**
 * `iso` plus one billing period, in calendar months (UTC); a day the target month lacks becomes its
 * last day (31 Jan + 1 month = 28/29 Feb), as card-network billing does.
 */
export function addPeriod(iso: string, period: Exclude<BillingPeriod, 'none'>): string {
  const at = new Date(iso);
  const months = at.getUTCMonth() + MONTHS[period];
  const year = at.getUTCFullYear() + Math.floor(months / 12);
  const month = months % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(at.getUTCDate(), lastDay);
  return new Date(
    Date.UTC(
      year,
      month,
      day,
      at.getUTCHours(),
      at.getUTCMinutes(),
      at.getUTCSeconds(),
      at.getUTCMilliseconds(),
    ),
  ).toISOString();
}

const DAY = 86_400_000;

/**
 * The renewal retry schedule of a subscription its wallet could not pay at the period end: again
 * 1, 3 and 5 days after it fell past due, and a last time at the end of the 7-day grace period;
 * still unpaid then, it expires. Stated here once: the API docs and the desktop quote it.
 */
export const RETRY_AFTER_MS = [1 * DAY, 3 * DAY, 5 * DAY] as const;
export const GRACE_MS = 7 * DAY;
/** A customer is told this long before a renewal its wallet cannot cover. */
export const NOTICE_BEFORE_MS = 3 * DAY;

/** When to try a past-due subscription next, or null when its grace period is over. */
export function nextRetryAt(pastDueSince: string, now: string): string | null {
  const since = Date.parse(pastDueSince);
  const at = Date.parse(now);
  for (const after of [...RETRY_AFTER_MS, GRACE_MS]) {
    if (since + after > at) return new Date(since + after).toISOString();
  }
  return null;
}

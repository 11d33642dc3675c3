import { AUTO_TOP_UP_DAILY_CAP, type AutoTopUp } from '../../shared/api/alerts';

/** What saving the auto top-up form charges: `amount`, now (`at` null) or once the day's cap lifts. */
export type ChargeOnSave = { amount: number; at: string | null } | null;

/**
 * Saved while the wallet's available balance is below the threshold, auto top-up charges the card
 * at once, which the form says before Save. On a UTC day it already tried AUTO_TOP_UP_DAILY_CAP
 * times it waits for the next day instead (the server keeps that wait through a save), and the form
 * says when.
 */
export function chargeOnSave(input: {
  saved: AutoTopUp | null;
  enabled: boolean;
  /** The typed threshold and amount (or target balance) in minor units; null when not valid yet. */
  threshold: number | null;
  amount: number | null;
  mode: 'amount' | 'target';
  available: number;
  now: number;
}): ChargeOnSave {
  const { saved, enabled, threshold, amount, mode, available, now } = input;
  if (!enabled || threshold === null || amount === null || available >= threshold) return null;
  const charge = mode === 'amount' ? amount : Math.max(0, amount - available);
  if (charge <= 0) return null;
  return { amount: charge, at: saved && capWaitsUntil(saved, now) };
}

/** The start of the next UTC day when the cap stopped today's tries (the server's cap wait), else null. */
function capWaitsUntil(saved: AutoTopUp, now: number): string | null {
  if (saved.attemptsToday < AUTO_TOP_UP_DAILY_CAP || !saved.nextAttemptAt) return null;
  const nextDay = new Date(now);
  nextDay.setUTCHours(24, 0, 0, 0);
  return Date.parse(saved.nextAttemptAt) === nextDay.getTime() ? saved.nextAttemptAt : null;
}

import { sql } from 'kysely';
import type { Store } from '../../db/database.js';
import { Failure } from '../failure.js';

/** At most `max` attempts per fixed window of `windowMs`, counted from the window's first attempt. */
export interface ThrottleRule {
  max: number;
  windowMs: number;
}

export interface ThrottleRules {
  /** Sign-in attempts for one email, from any address. A success resets it. */
  signInPerAccount: ThrottleRule;
  /** Failed sign-ins from one client address, whatever the email. */
  signInPerAddress: ThrottleRule;
  /** Bearer credentials from one client address that are not a live key or session, or the operator token. */
  credentialsPerAddress: ThrottleRule;
}

const FIFTEEN_MINUTES = 15 * 60_000;
/** One counted attempt in this many also deletes ended windows. */
const PRUNE_CHANCE = 1 / 100;

/**
 * Once a limit is reached, every attempt on that key is refused (429, even with the right secret: the
 * answer must not tell a guess that is right from one that is wrong) until the window ends; then the
 * count starts again, so nobody is locked out for longer than one window.
 */
export const DEFAULT_THROTTLE_RULES: ThrottleRules = {
  signInPerAccount: { max: 10, windowMs: FIFTEEN_MINUTES },
  signInPerAddress: { max: 30, windowMs: FIFTEEN_MINUTES },
  credentialsPerAddress: { max: 100, windowMs: FIFTEEN_MINUTES },
};

export const throttleKeys = {
  account: (email: string) => `signin:account:${email.trim().toLowerCase()}`,
  signInAddress: (address: string) => `signin:address:${address}`,
  credentialAddress: (address: string) => `bearer:address:${address}`,
};

/** An attempt that was counted; refunding it needs the window it was counted in. */
export interface Slot {
  key: string;
  windowStartedMs: number;
}

export type Reservation = { ok: true; slot: Slot } | { ok: false; retryAfterSeconds: number };

/** A 429 refusal that says when to try again (the Retry-After header, seconds). */
export class RateLimited extends Failure {
  constructor(
    what: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', `${what}; try again in ${retryAfterSeconds} s`);
  }
}

/**
 * Attempt counters shared by every API process through the database. An attempt is counted BEFORE the
 * secret is checked, by one atomic upsert, so concurrent guesses each take a slot and no more than
 * `max` are ever checked per window; an attempt that turns out right gives its slot back (refund) or
 * clears the account's count (clear).
 */
export class Throttle {
  constructor(
    private readonly store: Store,
    readonly rules: ThrottleRules,
    private readonly clock: () => Date,
  ) {}

  async reserve(key: string, rule: ThrottleRule): Promise<Reservation> {
    const now = this.clock().getTime();
    // A window that started this long ago (or earlier) is over: the attempt opens a new one.
    const expiredBefore = now - rule.windowMs;
    const row = await this.store.write((trx) =>
      trx
        .insertInto('auth_throttles')
        .values({ key, attempts: 1, window_started_ms: now })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            // Both expressions read the row as it was before this update (in both databases).
            attempts: sql<number>`case when auth_throttles.window_started_ms <= ${expiredBefore} then 1 else auth_throttles.attempts + 1 end`,
            window_started_ms: sql<number>`case when auth_throttles.window_started_ms <= ${expiredBefore} then ${now} else auth_throttles.window_started_ms end`,
          }),
        )
        .returning(['attempts', 'window_started_ms'])
        .executeTakeFirstOrThrow(),
    );
    // Now and then, drop windows that ended: an ended window counts as no row at all, so this only
    // keeps guesses at ever-new emails and addresses from growing the table for ever.
    if (Math.random() < PRUNE_CHANCE) await this.prune();
    const windowStartedMs = Number(row.window_started_ms);
    if (row.attempts <= rule.max) return { ok: true, slot: { key, windowStartedMs } };
    const remainingMs = windowStartedMs + rule.windowMs - now;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
  }

  /** Gives back an attempt that was right, unless its window has since been replaced. */
  async refund(slot: Slot): Promise<void> {
    await this.store.write((trx) =>
      trx
        .updateTable('auth_throttles')
        .set({ attempts: sql<number>`attempts - 1` })
        .where('key', '=', slot.key)
        .where('window_started_ms', '=', slot.windowStartedMs)
        .where('attempts', '>', 0)
        .execute(),
    );
  }

  /** Deletes every counter whose window (under the longest rule) has ended; by the window index. */
  async prune(): Promise<void> {
    const longest = Math.max(...Object.values(this.rules).map((r: ThrottleRule) => r.windowMs));
    const endedBefore = this.clock().getTime() - longest;
    await this.store.write((trx) =>
      trx.deleteFrom('auth_throttles').where('window_started_ms', '<=', endedBefore).execute(),
    );
  }

  /** Forgets every attempt on a key (an account after a successful sign-in). */
  async clear(key: string): Promise<void> {
    await this.store.write((trx) => trx.deleteFrom('auth_throttles').where('key', '=', key).execute());
  }

  /**
   * A Bearer credential that may be a guess (not a live key or session) from `address`: counted, and
   * refused with 429 once the address is over its limit. The operator token, when right, gives its
   * slot back, so an operator is never throttled by their own requests.
   */
  async guardCredential(address: string, isOperator: boolean): Promise<void> {
    const reservation = await this.reserve(
      throttleKeys.credentialAddress(address),
      this.rules.credentialsPerAddress,
    );
    if (!reservation.ok) {
      throw new RateLimited('too many invalid credentials from this address', reservation.retryAfterSeconds);
    }
    if (isOperator) await this.refund(reservation.slot);
  }
}

import type { Store, Trx } from '../../db/database.js';
import type { SubscriptionTable } from '../../db/schema.js';
import {
  announceRenewalNotCovered,
  announceSubscriptionStatus,
  type RenewalRefusal,
} from '../../events/subscription-events.js';
import { openCheckout } from '../../payments/checkout.js';
import type { PaymentService } from '../../payments/service.js';
import { ordersId } from '../../lib/order-ids.js';
import { toDecimalString } from '../../../shared/money.js';
import { recordChanges } from '../../sync/record.js';
import { noticeChange, subscriptionChange } from '../../wire/order.js';
import { Failure } from '../failure.js';
import { NOTICE_BEFORE_MS, nextRetryAt } from './periods.js';
import { chargePeriod, recordAttempt } from './renew.js';
import { startRenewalTopUp } from './renewal-top-up.js';

/** How long one process may work on a leased subscription before another may take it over. */
const LEASE_MS = 2 * 60_000;
const BATCH = 100;

/** What one run of the renewal job did. */
export interface RenewalReport {
  paid: number;
  pastDue: number;
  expired: number;
  ended: number;
  topUpsStarted: number;
  noticed: number;
}

type Outcome = keyof Omit<RenewalReport, 'noticed'> | 'waiting' | 'skipped';

/**
 * The renewal job. Every API process runs it; each due subscription is leased (lease_until, FOR
 * UPDATE SKIP LOCKED on PostgreSQL) so one process works on it at a time, and the period charge
 * itself moves the period by a conditional update (renew.ts), so a period is charged once even if
 * a lease ran out mid-work.
 *
 * At the period end: auto-renew off → the subscription ends (no charge, no refund); else the wallet
 * is charged. Short: the wallet's auto top-up, or else the default saved method, tops it up
 * off-session through the top-up service (once per period, renewal-top-up.ts) and the charge is
 * retried when that payment settles; without either (or when it failed) the subscription is `past_due` and retried on the schedule of
 * periods.ts (1, 3, 5 days, and at the 7-day end of grace, then `expired`). Every attempt is a
 * subscription_attempts row. Before a period end the wallet cannot cover, the customer gets a notice.
 */
export class Renewals {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    private readonly payments: PaymentService,
  ) {}

  async run(): Promise<RenewalReport> {
    const report: RenewalReport = { paid: 0, pastDue: 0, expired: 0, ended: 0, topUpsStarted: 0, noticed: 0 };
    report.noticed = await this.notify();
    for (;;) {
      const leased = await this.lease();
      for (const sub of leased) {
        const outcome = await this.renewLeased(sub.id);
        if (outcome !== 'waiting' && outcome !== 'skipped') report[outcome] += 1;
      }
      if (leased.length < BATCH) break;
    }
    return report;
  }

  private async lease(): Promise<SubscriptionTable[]> {
    const now = this.clock().toISOString();
    const until = new Date(this.clock().getTime() + LEASE_MS).toISOString();
    return this.store.write(async (trx) => {
      let candidates = trx
        .selectFrom('subscriptions')
        .select('id')
        .where('status', 'in', ['active', 'past_due'])
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        // Not while the order that started it is provisioning (renew.ts, awaitingProvisioning): left
        // due, untouched, it is leased by the first run after the order settles (its timeout job
        // bounds the wait), and renews from its period end then.
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('orders')
                .select('orders.id')
                .whereRef('orders.id', '=', 'subscriptions.order_id')
                .where('orders.status', '=', 'provisioning'),
            ),
          ),
        )
        .orderBy('next_attempt_at')
        .limit(BATCH);
      if (this.store.dialect === 'postgres') candidates = candidates.forUpdate().skipLocked();
      return trx
        .updateTable('subscriptions')
        .set({ lease_until: until })
        .where('id', 'in', candidates)
        .returningAll()
        .execute();
    });
  }

  private async renewLeased(id: string): Promise<Outcome> {
    try {
      let step = await this.store.write((trx) => this.renewOne(trx, id, this.clock().toISOString()));
      if (step.openPaymentId) {
        // Outside any transaction: the provider is called (a saved card is charged off-session).
        const opened = await openCheckout(this.payments, step.openPaymentId);
        await this.payments.settled();
        if (opened.ok && opened.value.status === 'paid') {
          step = await this.store.write((trx) => this.renewOne(trx, id, this.clock().toISOString()));
        }
      }
      return step.outcome;
    } catch (error) {
      // Renewed or ended by another process meanwhile: nothing more to do here.
      if (error instanceof Failure && error.code === 'conflict') return 'skipped';
      throw error;
    } finally {
      await this.store.write((trx) =>
        trx.updateTable('subscriptions').set({ lease_until: null }).where('id', '=', id).execute(),
      );
    }
  }

  private async renewOne(
    trx: Trx,
    id: string,
    now: string,
  ): Promise<{ outcome: Outcome; openPaymentId?: string }> {
    const sub = await trx.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!sub || (sub.status !== 'active' && sub.status !== 'past_due')) return { outcome: 'skipped' };
    if (sub.next_attempt_at === null || sub.next_attempt_at > now) return { outcome: 'skipped' };

    if (sub.auto_renew === 0) {
      const status = sub.status === 'active' ? 'cancelled' : 'expired';
      await this.update(trx, sub, { status, next_attempt_at: null }, now);
      await recordAttempt(
        trx,
        sub,
        {
          trigger: 'schedule',
          outcome: 'ended',
          detail: 'auto-renew was off: ended at the period end, not charged',
        },
        now,
      );
      return { outcome: 'ended' };
    }

    if (sub.pending_payment_id) {
      const payment = await trx
        .selectFrom('payments')
        .select(['id', 'status', 'failure_reason'])
        .where('id', '=', sub.pending_payment_id)
        .executeTakeFirst();
      if (payment && (payment.status === 'new' || payment.status === 'processing'))
        return { outcome: 'waiting' };
      await this.update(trx, sub, { pending_payment_id: null }, now);
      sub.pending_payment_id = null;
      if (payment?.status !== 'paid') {
        await recordAttempt(
          trx,
          sub,
          {
            trigger: 'schedule',
            outcome: 'top_up_failed',
            detail: `the top-up with the saved method ended ${payment?.status ?? 'missing'}${payment?.failure_reason ? `: ${payment.failure_reason}` : ''}`,
            payment_id: payment?.id ?? null,
          },
          now,
        );
      }
    }

    try {
      await chargePeriod(trx, sub, 'schedule', now);
      return { outcome: 'paid' };
    } catch (error) {
      // A wallet on hold (a reversal left it owing) is refused like a short one: past due, retried on
      // the schedule, since settling what it owes lifts the hold; never a job error retried each minute.
      if (
        !(error instanceof Failure) ||
        (error.code !== 'insufficient_funds' &&
          error.code !== 'wallet_closed' &&
          error.code !== 'wallet_on_hold')
      ) {
        throw error;
      }
      // Short: the ledger refused before writing anything; go on in this transaction.
      const topUp =
        error.code === 'insufficient_funds'
          ? await startRenewalTopUp(
              trx,
              sub,
              this.payments.providers,
              (changes) => this.update(trx, sub, changes, now),
              now,
            )
          : null;
      if (topUp?.kind === 'open') return { outcome: 'topUpsStarted', openPaymentId: topUp.paymentId };
      if (topUp) return { outcome: 'topUpsStarted' };
      return this.pastDue(trx, sub, { code: error.code, message: error.message }, now);
    }
  }

  private async pastDue(
    trx: Trx,
    sub: SubscriptionTable,
    why: RenewalRefusal,
    now: string,
  ): Promise<{ outcome: Outcome }> {
    const since = sub.past_due_since ?? sub.current_period_end;
    const next = nextRetryAt(since, now);
    if (next === null) {
      await this.update(trx, sub, { status: 'expired', next_attempt_at: null, past_due_since: since }, now);
      await recordAttempt(
        trx,
        sub,
        { trigger: 'schedule', outcome: 'expired', detail: `${why.message}; the grace period is over` },
        now,
      );
      return { outcome: 'expired' };
    }
    await this.update(
      trx,
      sub,
      { status: 'past_due', past_due_since: since, next_attempt_at: next },
      now,
      why,
    );
    await recordAttempt(
      trx,
      sub,
      {
        trigger: 'schedule',
        outcome: 'insufficient_funds',
        detail: `${why.message}; next attempt at ${next}`,
      },
      now,
    );
    return { outcome: 'pastDue' };
  }

  private async update(
    trx: Trx,
    sub: SubscriptionTable,
    changes: Partial<SubscriptionTable>,
    now: string,
    why?: RenewalRefusal,
  ) {
    const was = sub.status;
    await trx
      .updateTable('subscriptions')
      .set({ ...changes, updated_at: now })
      .where('id', '=', sub.id)
      .execute();
    Object.assign(sub, changes, { updated_at: now });
    await recordChanges(trx, now, [subscriptionChange(sub, 'update')]);
    await announceSubscriptionStatus(trx, sub, was, now, why); // webhooks and the failed-renewal email: issue 12
  }

  /**
   * Tells each customer, once per period, of a renewal due within NOTICE_BEFORE_MS that its wallet's
   * available balance cannot cover: a `notice` in the customer's feed (the desktop shows it).
   */
  private async notify(): Promise<number> {
    const now = this.clock();
    const iso = now.toISOString();
    const horizon = new Date(now.getTime() + NOTICE_BEFORE_MS).toISOString();
    const due = await this.store.db
      .selectFrom('subscriptions')
      .innerJoin('wallets', 'wallets.id', 'subscriptions.wallet_id')
      .selectAll('subscriptions')
      .where('subscriptions.status', '=', 'active')
      .where('subscriptions.auto_renew', '=', 1)
      .where('subscriptions.current_period_end', '>', iso)
      .where('subscriptions.current_period_end', '<=', horizon)
      .where((eb) =>
        eb.or([
          eb('subscriptions.notified_period_end', 'is', null),
          eb('subscriptions.notified_period_end', '<>', eb.ref('subscriptions.current_period_end')),
        ]),
      )
      .whereRef('subscriptions.amount', '>', (eb) =>
        eb(eb.ref('wallets.balance'), '-', eb.ref('wallets.pending_charges')),
      )
      .limit(BATCH)
      .execute();
    let told = 0;
    for (const sub of due) {
      const done = await this.store.write(async (trx) => {
        const claimed = await trx
          .updateTable('subscriptions')
          .set({ notified_period_end: sub.current_period_end })
          .where('id', '=', sub.id)
          .where('current_period_end', '=', sub.current_period_end)
          .where((eb) =>
            eb.or([
              eb('notified_period_end', 'is', null),
              eb('notified_period_end', '<>', sub.current_period_end),
            ]),
          )
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) === 0) return false;
        const amount = toDecimalString(sub.amount, sub.currency);
        const row = {
          id: ordersId('notice', now.getTime()),
          reseller_id: sub.reseller_id,
          customer_id: sub.customer_id,
          kind: 'renewal_not_covered' as const,
          subject_id: sub.id,
          message: `${sub.product_name} renews on ${sub.current_period_end.slice(0, 10)} for ${amount} ${sub.currency}; your wallet does not cover it yet. Top up before then to keep it running.`,
          created_at: iso,
        };
        await trx.insertInto('notices').values(row).execute();
        await recordChanges(trx, iso, [noticeChange(row)]);
        await announceRenewalNotCovered(trx, sub, iso); // the notice by email too: issue 12
        return true;
      });
      if (done) told += 1;
    }
    return told;
  }
}

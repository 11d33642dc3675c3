import { randomBytes } from 'node:crypto';
import { newId } from '../../shared/ids.js';
import type { Store } from '../db/database.js';
import { answerExpiredCharge, openCheckout } from '../payments/checkout.js';
import type { PaymentService } from '../payments/service.js';
import { releaseLease, takeLease } from '../services/retention/job-lease.js';
import {
  chargeFailed,
  chargeSucceeded,
  chargeUnconfirmed,
  claimCharge,
  type Claim,
} from '../services/auto-top-up/charge.js';
import { paymentEndedError, refusalError } from '../services/auto-top-up/reasons.js';
import { Failure } from '../services/failure.js';
import { JobScheduler, type Job } from './scheduler.js';

export const AUTO_TOP_UP_JOB = 'auto-top-up';
/** How often due auto top-ups are charged and pending ones looked at, ms. */
export const AUTO_TOP_UP_EVERY_MS = 15_000;
const LEASE_MS = 2 * 60_000;
const BATCH = 50;

/**
 * Charges due auto top-ups, off the request path. The job holds a named lease (job_leases), so of
 * many API processes one runs it at a time; under it each charge is still claimed by a conditional
 * UPDATE and the one-pending-attempt index (services/auto-top-up/charge.ts), so even two runners
 * could not charge one crossing twice.
 */
export class AutoTopUpRunner {
  private readonly holder = `auto-top-up-${randomBytes(6).toString('hex')}`;

  constructor(
    private readonly store: Store,
    private readonly payments: PaymentService,
    private readonly clock: () => Date,
  ) {}

  private now(): string {
    return this.clock().toISOString();
  }

  async run(): Promise<void> {
    const lease = { name: AUTO_TOP_UP_JOB, holder: this.holder, now: this.clock(), ms: LEASE_MS };
    if (!(await takeLease(this.store, lease))) return;
    try {
      await this.resolvePending();
      await this.chargeDue();
    } finally {
      await releaseLease(this.store, lease);
    }
  }

  /**
   * Pending charges whose payment ended (or was never answered, after a crash): settle their state.
   * A charge claimed and never answered (the process stopped with it out) is asked again under its
   * own key while its payment is open; once the payment has expired it is looked up, not made
   * (answerExpiredCharge): a top-up made that late would charge the card for a crossing this
   * auto top-up has given up on, or one a later crossing charges again. A lookup without an answer
   * (the provider unreachable) leaves it pending, recorded on the auto top-up (chargeUnconfirmed),
   * and asked again only once its growing wait is over; a payment settled meanwhile is taken at once.
   */
  private async resolvePending(): Promise<void> {
    const now = this.now();
    const rows = await this.store.db
      .selectFrom('wallet_auto_top_ups')
      .innerJoin('payments', 'payments.id', 'wallet_auto_top_ups.payment_id')
      .selectAll('payments')
      .select('wallet_auto_top_ups.wallet_id as autoTopUpWalletId')
      .where('wallet_auto_top_ups.state', '=', 'pending')
      .where((eb) =>
        eb.or([
          eb('wallet_auto_top_ups.unconfirmed_retry_at', 'is', null),
          eb('wallet_auto_top_ups.unconfirmed_retry_at', '<=', now),
          eb('payments.status', '!=', 'new'),
          eb('payments.checkout', 'is not', null),
        ]),
      )
      .limit(BATCH)
      .execute();
    for (const { autoTopUpWalletId, ...payment } of rows) {
      if (payment.status === 'new' && payment.checkout === null) {
        if (payment.expires_at > this.now()) {
          await openCheckout(this.payments, payment.id);
        } else {
          try {
            await answerExpiredCharge(this.payments, payment);
          } catch (error) {
            // No answer: still pending, recorded, and asked again after a longer wait.
            this.payments.o.onError?.(error, `looking up the auto top-up charge ${payment.id}`);
            const code = error instanceof Failure ? error.code : 'gateway_unavailable';
            await this.store.write((trx) =>
              chargeUnconfirmed(trx, autoTopUpWalletId, payment, code, this.now()),
            );
            continue;
          }
        }
      }
      await this.settle(autoTopUpWalletId, payment.id);
    }
  }

  private async chargeDue(): Promise<void> {
    const now = this.now();
    const due = await this.store.db
      .selectFrom('wallet_auto_top_ups')
      .selectAll()
      .where('state', '=', 'due')
      .where('enabled', '=', 1)
      .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
      .orderBy('updated_at')
      .limit(BATCH)
      .execute();
    for (const row of due) {
      const attemptId = newId('transaction').replace(/^txn/, 'atu');
      let claim: Claim;
      let refused: { attemptId: string; amount: number } | undefined;
      try {
        claim = await this.store.write(async (trx) => {
          const c = await claimCharge(trx, row, { gateways: this.payments.providers }, now, attemptId);
          // A refusal rolls the claim back; the failure, and the attempt with what it would have
          // charged, are then recorded on their own.
          if (c.kind === 'refused') {
            refused = { attemptId, amount: c.amount };
            throw c.failure;
          }
          return c;
        });
      } catch (error) {
        if (!(error instanceof Failure)) throw error;
        await this.store.write((trx) =>
          chargeFailed(trx, row.wallet_id, refusalError(error), now, {
            countAttempt: true,
            ...(refused ? { refused } : {}),
          }),
        );
        continue;
      }
      if (claim.kind !== 'charge') continue;
      await openCheckout(this.payments, claim.paymentId);
      await this.settle(row.wallet_id, claim.paymentId);
    }
  }

  /** Paid → idle; failed, expired or cancelled → back off or switch off; still open → wait. */
  private async settle(walletId: string, paymentId: string): Promise<void> {
    const payment = await this.store.db
      .selectFrom('payments')
      .select(['status', 'failure_reason', 'failure_code'])
      .where('id', '=', paymentId)
      .executeTakeFirstOrThrow();
    const now = this.now();
    if (payment.status === 'paid') {
      await this.store.write((trx) => chargeSucceeded(trx, walletId, paymentId, now));
    } else if (['failed', 'expired', 'cancelled'].includes(payment.status)) {
      const error = paymentEndedError(payment);
      await this.store.write((trx) => chargeFailed(trx, walletId, error, now, { paymentId }));
    }
  }
}

export function autoTopUpJobs(runner: AutoTopUpRunner, everyMs = AUTO_TOP_UP_EVERY_MS): Job[] {
  return [{ name: AUTO_TOP_UP_JOB, everyMs, run: () => runner.run() }];
}

export function autoTopUpScheduler(
  runner: AutoTopUpRunner,
  options: { everyMs?: number; onError?: (error: unknown, job: string) => void } = {},
): JobScheduler {
  return new JobScheduler(autoTopUpJobs(runner, options.everyMs), options.onError);
}

import type { PaymentProviderId } from '../../shared/api/payments.js';
import type { Store } from '../db/database.js';
import type { GatewayEventTable, PaymentTable } from '../db/schema.js';
import { findMemoCodes } from '../gateways/vietqr/memo.js';
import type { PaymentProvider, PollingProvider, ProviderEvent } from '../gateways/provider.js';
import { paymentsId } from '../lib/ids.js';
import { REQUEST_ID_LOG_KEY } from '../observability/logging.js';
import { totalToPayFor } from './expectation.js';
import { leaseEvents, leasePayments, releasePayment } from './leases.js';
import type { ProviderFactory } from './providers.js';
import { openPaymentReview, openReview } from '../services/payment-reviews/open.js';
import { settleHeldLapsedCharge } from './lapsed-charge.js';
import {
  failSavedMethod,
  settleHeldSavedMethod,
  settlePayment,
  updateOpen,
  type SettleOutcome,
} from './settle.js';
import { reconcileRefund, retryPendingRefunds } from './refunds.js';
import { reconcileReversal } from './reversals.js';
import { paymentFailure } from './failure.js';

/** Providers that never call us: their open payments are re-checked on every events tick. */
export const PROVIDERS_WITHOUT_WEBHOOKS: readonly PaymentProviderId[] = ['crypto'];

const isPolling = (provider: PaymentProvider): provider is PaymentProvider & PollingProvider =>
  typeof (provider as Partial<PollingProvider>).pollEvents === 'function';

export interface PaymentServiceOptions {
  store: Store;
  clock: () => Date;
  providers: ProviderFactory;
  /** The billing API's public base URL (hosted pages, webhook URLs). */
  publicBaseUrl: () => string;
  /**
   * Process a webhook's events right after answering it (default). False leaves them to the events
   * job: for deployments that want webhook answers never to wait on anything, and for tests that
   * stop an API between storing an event and processing it.
   */
  processInline?: boolean;
  /** Where a failure in background work is reported (the app's logger). */
  onError?: (error: unknown, what: string) => void;
  /** The app's logger, for lines about background work (each processed gateway event). */
  log?: { info(fields: Record<string, unknown>, message: string): void };
  /**
   * Per provider, how long it keeps a saved-method charge's key, ms, where the operator arranged
   * other than its own default (`savedChargeKeyMs` of the provider): lapsed-charge.ts.
   */
  savedChargeKeyMs?: Partial<Record<PaymentProviderId, number>>;
}

/**
 * The payment flow after a checkout exists: gateway events stored and processed, payments re-queried
 * and settled, and the work the jobs do. Everything here is safe to run twice or concurrently: event
 * rows and payments are leased, and crediting is guarded by the payment's own status.
 */
export class PaymentService {
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly lastPoll = new Map<string, Date>();

  constructor(readonly o: PaymentServiceOptions) {}

  get processInline(): boolean {
    return this.o.processInline ?? true;
  }

  publicBaseUrl(): string {
    return this.o.publicBaseUrl();
  }

  get providers(): ProviderFactory {
    return this.o.providers;
  }

  now(): string {
    return this.o.clock().toISOString();
  }

  /** Keeps background work (processing after a webhook was answered) awaitable by settled(). */
  track(work: Promise<unknown>, what: string): void {
    const tracked = work.catch((error: unknown) => this.o.onError?.(error, what));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  /** Resolves when no background work is left (tests wait on this instead of on a timer). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /**
   * Stores verified events under UNIQUE(reseller_id, provider, event_id) before anything else; returns the ids of
   * the rows this call inserted (a duplicate inserts nothing and is dropped).
   */
  async storeEvents(
    resellerId: string,
    events: readonly ProviderEvent[],
    rawBody: Uint8Array | null,
    /** The delivering request's id, logged again when the event is processed (by whichever job). */
    requestId: string | null = null,
  ): Promise<string[]> {
    const receivedAt = this.now();
    const stored: string[] = [];
    for (const event of events) {
      const id = paymentsId('gatewayEvent');
      const inserted = await this.o.store.write((trx) =>
        trx
          .insertInto('gateway_events')
          .values({
            id,
            reseller_id: resellerId,
            provider: event.provider,
            event_id: event.eventId,
            event: JSON.stringify(event, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
            raw_body: rawBody === null ? null : Buffer.from(rawBody).toString('base64'),
            received_at: receivedAt,
            processed_at: null,
            outcome: null,
            lease_until: null,
            attempts: 0,
            request_id: requestId,
          })
          .onConflict((oc) => oc.columns(['reseller_id', 'provider', 'event_id']).doNothing())
          .executeTakeFirst(),
      );
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) stored.push(id);
    }
    return stored;
  }

  /** Processes stored events (these ids, or any waiting), each under a lease. */
  async processEvents(ids?: string[]): Promise<number> {
    const rows = await leaseEvents(this.o.store, this.o.clock(), { limit: 50, ...(ids ? { ids } : {}) });
    for (const row of rows) {
      let outcome: string;
      try {
        outcome = await this.processEvent(row);
      } catch (error) {
        // Left unprocessed: the lease runs out and the events job tries again.
        await this.o.store.write((trx) =>
          trx
            .updateTable('gateway_events')
            .set({
              outcome: `error: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500),
            })
            .where('id', '=', row.id)
            .execute(),
        );
        this.o.onError?.(
          error,
          `gateway event ${row.provider}/${row.event_id} (request ${row.request_id ?? 'none'})`,
        );
        continue;
      }
      await this.o.store.write((trx) =>
        trx
          .updateTable('gateway_events')
          .set({ processed_at: this.now(), outcome, lease_until: null })
          .where('id', '=', row.id)
          .execute(),
      );
      // The same field as the delivering request's own lines, so one search finds both.
      this.o.log?.info(
        {
          [REQUEST_ID_LOG_KEY]: row.request_id ?? undefined,
          provider: row.provider,
          eventId: row.event_id,
          outcome,
        },
        'gateway event processed',
      );
    }
    return rows.length;
  }

  private async processEvent(row: GatewayEventTable): Promise<string> {
    const event = JSON.parse(row.event) as ProviderEvent;
    const provider = row.provider as PaymentProviderId;
    switch (event.kind) {
      case 'ignored':
        return 'ignored';
      case 'payment_changed': {
        // About a refund of ours (pending at the payer's bank, say): settled from the provider's
        // re-read; a refund not ours (made at the provider) is money taken back, handled below.
        if (event.providerRefundId) {
          const refund = { providerRefundId: event.providerRefundId, refundId: event.refundId ?? null };
          const settled = await reconcileRefund(this, row.reseller_id, provider, refund);
          if (settled !== 'ignored') return settled;
        }
        const payment =
          (await this.findPayment(row.reseller_id, provider, event)) ??
          (await this.findByProviderObject(row.reseller_id, provider, event));
        if (!payment) {
          await this.unmatched(
            row,
            `event ${event.eventId} (${event.eventType}) names a payment this reseller does not have`,
          );
          return 'unmatched';
        }
        // A charge held because its key may have lapsed (lapsed-charge.ts), made after all.
        const lapsed = event.providerPaymentId
          ? await settleHeldLapsedCharge(this, payment, event.providerPaymentId)
          : null;
        if (lapsed) return lapsed;
        if (event.providerPaymentId && payment.provider_payment_id !== event.providerPaymentId) {
          await this.o.store.write((trx) =>
            openReview(
              trx,
              {
                reseller_id: row.reseller_id,
                payment_id: payment.id,
                provider,
                reason: 'payment',
                detail: `event ${event.eventId} names ${event.providerPaymentId}, but this payment is ${payment.provider_payment_id ?? 'not yet opened'} at the provider`,
              },
              this.now(),
            ),
          );
          return 'review';
        }
        // Already credited: the event may be about money taken back (invariant 7).
        // Nothing taken back: the usual re-query (it may still confirm a method the payment saved).
        if (payment.status === 'paid') {
          const reversal = await reconcileReversal(this, payment);
          if (reversal && reversal !== 'unchanged') return reversal;
        }
        return this.refresh(payment);
      }
      case 'refund_changed':
        return reconcileRefund(this, row.reseller_id, provider, event);
      case 'bank_credit': {
        const codes = findMemoCodes(event.content);
        const open =
          codes.length === 0
            ? []
            : await this.o.store.db
                .selectFrom('payments')
                .selectAll()
                .where('reseller_id', '=', row.reseller_id)
                .where('provider', '=', 'vietqr')
                .where('memo', 'in', codes)
                .where('status', 'in', ['new', 'processing'])
                .execute();
        // The memo finds the payment; the amount is then checked on the bank's own history
        // (fetchStatus sums every line with that memo), so a part payment is seen as underpaid.
        if (open.length !== 1) {
          // The transfer's amount is kept on the review, so staff can apply it to a payment or a
          // wallet from there (services/payment-reviews/apply.ts).
          await this.unmatched(
            row,
            `${event.amount.amount} ${event.amount.currency} to ${event.accountNumber} with content "${event.content}" matches ${open.length === 0 ? 'no open payment' : 'several open payments'}`,
            // The provider's own identity of the line, which outlives our stored event (retention).
            {
              provider_event: `${row.provider}:${row.event_id}`,
              amount: event.amount.amount,
              currency: event.amount.currency,
            },
          );
          return 'unmatched';
        }
        return this.refresh(open[0]!);
      }
    }
  }

  private async unmatched(
    row: GatewayEventTable,
    detail: string,
    transfer?: { provider_event: string; amount: number; currency: string },
  ): Promise<void> {
    await this.o.store.write((trx) =>
      openReview(
        trx,
        {
          reseller_id: row.reseller_id,
          payment_id: null,
          provider: row.provider,
          reason: 'unmatched',
          detail,
          ...transfer,
        },
        this.now(),
      ),
    );
  }

  private async findPayment(
    resellerId: string,
    provider: PaymentProviderId,
    event: Extract<ProviderEvent, { kind: 'payment_changed' }>,
  ): Promise<PaymentTable | undefined> {
    const byReference = event.reference
      ? await this.o.store.db
          .selectFrom('payments')
          .selectAll()
          .where('id', '=', event.reference)
          .where('reseller_id', '=', resellerId)
          .where('provider', '=', provider)
          .executeTakeFirst()
      : undefined;
    if (byReference || !event.providerPaymentId) return byReference;
    return this.o.store.db
      .selectFrom('payments')
      .selectAll()
      .where('reseller_id', '=', resellerId)
      .where('provider', '=', provider)
      .where('provider_payment_id', '=', event.providerPaymentId)
      .executeTakeFirst();
  }

  /** A payment named only by another provider object (a dispute's PaymentIntent): the provider says whose. */
  private async findByProviderObject(
    resellerId: string,
    provider: PaymentProviderId,
    event: Extract<ProviderEvent, { kind: 'payment_changed' }>,
  ): Promise<PaymentTable | undefined> {
    if (!event.providerObjectId) return undefined;
    const gateway = await this.o.providers.providerFor(resellerId, provider);
    const reference = gateway?.referenceOf ? await gateway.referenceOf(event.providerObjectId) : null;
    if (!reference) return undefined;
    return this.findPayment(resellerId, provider, { ...event, reference, providerPaymentId: null });
  }

  /** Asks the provider's status API about one payment and acts on the answer (invariant 3). */
  async refresh(payment: PaymentTable): Promise<SettleOutcome> {
    if (payment.provider_payment_id === null) return 'wait';
    const provider = await this.providerOrThrow(payment);
    const answer = await provider.fetchStatus({
      providerPaymentId: payment.provider_payment_id,
      reference: payment.id,
    });
    return settlePayment(this.o.store, payment, answer, this.now());
  }

  async providerOrThrow(payment: Pick<PaymentTable, 'reseller_id' | 'provider'>): Promise<PaymentProvider> {
    const provider = await this.o.providers.providerFor(
      payment.reseller_id,
      payment.provider as PaymentProviderId,
    );
    if (!provider)
      throw new Error(`${payment.provider} is not configured for reseller ${payment.reseller_id}`);
    return provider;
  }

  // ---- jobs -------------------------------------------------------------------------------------

  /** Expiry: one last question to the provider (paid → credited), otherwise `expired`. */
  async expirePayments(): Promise<number> {
    const due = await leasePayments(this.o.store, this.o.clock(), { limit: 100, expiredOnly: true });
    for (const payment of due) {
      try {
        if (payment.provider_payment_id !== null) {
          const outcome = await this.refresh(payment).catch((error: unknown) => {
            this.o.onError?.(error, `last status check of ${payment.id}`);
            return 'wait' as const;
          });
          if (outcome === 'credit' || outcome === 'close' || outcome === 'already_final') continue;
        }
        await this.o.store.write(async (trx) => {
          const expired = await updateOpen(
            trx,
            payment.id,
            { status: 'expired', ...paymentFailure('expired') },
            this.now(),
          );
          if (expired?.saves_method_id) await failSavedMethod(trx, expired.saves_method_id, this.now());
          // Part of the amount arrived (a coin or bank transfer short of what was due) and the rest
          // never came: that money is the payer's and nothing credits it, so a person must decide.
          if (expired?.underpaid) {
            await openPaymentReview(
              trx,
              expired,
              'amount',
              `part of the ${totalToPayFor(expired)} ${expired.currency} minor units due arrived before the payment expired; nothing was credited`,
              this.now(),
            );
          }
        });
      } finally {
        await releasePayment(this.o.store, payment.id);
      }
    }
    return due.length;
  }

  /** Every pending saved method whose minute has come: its saving payment's status decides it. */
  async checkSavedMethods(): Promise<number> {
    const now = this.o.clock();
    const dueBefore = new Date(now.getTime() - 60_000).toISOString();
    const pending = await this.o.store.db
      .selectFrom('saved_methods')
      .innerJoin('payments', 'payments.id', 'saved_methods.payment_id')
      .selectAll('payments')
      .select([
        'saved_methods.id as method_id',
        'saved_methods.checked_at',
        'saved_methods.created_at as method_created',
        'saved_methods.customer_id as method_customer',
        'saved_methods.deleted_at as method_deleted',
      ])
      .where('saved_methods.status', '=', 'pending')
      .execute();
    let checked = 0;
    for (const row of pending) {
      if ((row.checked_at ?? row.method_created) > dueBefore) continue;
      checked++;
      const {
        method_id: methodId,
        checked_at: _c,
        method_created: _m,
        method_customer: methodCustomer,
        method_deleted: methodDeleted,
        ...payment
      } = row;
      try {
        // The customer a held payment's money reached once staff settled its review: its own
        // wallet's or another's (paid), or another payment's (it ended and says where it went).
        // Closed without applying it, the money went to no other customer: the payment stays its
        // own customer's, and so does the card its payer saved with it.
        const reached =
          payment.held_for_review === 1
            ? payment.status === 'paid' || payment.failure_code === 'closed_by_staff'
              ? payment.customer_id
              : payment.late_money_customer_id
            : null;
        if (payment.status === 'new' || payment.status === 'processing') {
          await this.refresh(payment);
        } else if (reached) {
          // Settling it never ran (it was held), so nothing confirmed the card: the provider says
          // whether it kept it.
          const answer = payment.provider_payment_id
            ? await (
                await this.providerOrThrow(payment)
              ).fetchStatus({ providerPaymentId: payment.provider_payment_id, reference: payment.id })
            : null;
          await this.o.store.write((trx) =>
            settleHeldSavedMethod(
              trx,
              methodId,
              answer,
              reached === methodCustomer && methodDeleted === null,
              this.now(),
            ),
          );
        } else if (payment.status !== 'paid') {
          await this.o.store.write((trx) => failSavedMethod(trx, methodId, this.now()));
        } else if (payment.provider_payment_id) {
          // Paid here but the method is still pending (saved after the credit): ask about the method.
          const answer = await (
            await this.providerOrThrow(payment)
          ).fetchStatus({
            providerPaymentId: payment.provider_payment_id,
            reference: payment.id,
          });
          if (answer.status === 'paid') await settlePayment(this.o.store, payment, answer, this.now());
        }
      } catch (error) {
        this.o.onError?.(error, `saved method check ${methodId}`);
      }
      await this.o.store.write((trx) =>
        trx
          .updateTable('saved_methods')
          .set({ checked_at: this.now() })
          .where('id', '=', methodId)
          .where('status', '=', 'pending')
          .execute(),
      );
    }
    return checked;
  }

  /** Events: stored-but-unprocessed ones, polled feeds, and open payments of providers without webhooks. */
  async runEventsTick(): Promise<void> {
    while ((await this.processEvents()) > 0);
    await retryPendingRefunds(this).catch((error: unknown) => this.o.onError?.(error, 'pending refunds'));
    await this.pollFeeds();
    const open = await leasePayments(this.o.store, this.o.clock(), {
      limit: 100,
      providers: [...PROVIDERS_WITHOUT_WEBHOOKS],
    });
    for (const payment of open) {
      try {
        await this.refresh(payment);
      } catch (error) {
        this.o.onError?.(error, `status check of ${payment.id}`);
      } finally {
        await releasePayment(this.o.store, payment.id);
      }
    }
  }

  private async pollFeeds(): Promise<void> {
    const configured = await this.o.store.db
      .selectFrom('gateway_credentials')
      .select(['reseller_id', 'provider'])
      .where('provider', '!=', 'sandbox')
      .execute();
    for (const { reseller_id: resellerId, provider: id } of configured) {
      try {
        const provider = await this.o.providers.providerFor(resellerId, id as PaymentProviderId);
        if (!provider || !isPolling(provider)) continue;
        const key = `${resellerId}|${id}`;
        const now = this.o.clock();
        // After a restart, look back a day: what was already stored is de-duplicated by event id.
        const since = this.lastPoll.get(key) ?? new Date(now.getTime() - 24 * 3600_000);
        const events = await provider.pollEvents(since);
        this.lastPoll.set(key, now);
        const stored = await this.storeEvents(resellerId, events, null);
        await this.processEvents(stored);
      } catch (error) {
        this.o.onError?.(error, `polling ${id} for ${resellerId}`);
      }
    }
  }
}

import type { WalletTransaction } from '../../shared/api/wallets.js';
import type { Trx } from '../db/database.js';
import type { SubscriptionStatus, SubscriptionTable } from '../db/schema.js';
import { enqueueEmailIn } from '../email/enqueue.js';
import { renewalFailedEmail, renewalNotCoveredEmail } from '../email/templates/renewal-notice.js';
import { toSubscription } from '../wire/order.js';
import { customerContact } from './contact.js';
import { emitEvent } from './emit.js';

/** A subscription started with its order (services/subscriptions/start.ts): `subscription.created`. */
export async function announceSubscriptionStarted(trx: Trx, row: SubscriptionTable, now: string) {
  await emitEvent(trx, row.reseller_id, 'subscription.created', { subscription: toSubscription(row) }, now);
}

/** A period was charged and the subscription moved on (services/subscriptions/renew.ts). */
export async function announceSubscriptionRenewed(
  trx: Trx,
  row: SubscriptionTable,
  transaction: WalletTransaction,
  now: string,
) {
  const subscription = toSubscription(row);
  await emitEvent(trx, row.reseller_id, 'subscription.renewed', { subscription, transaction }, now);
}

const STATUS_EVENTS = {
  past_due: 'subscription.past_due',
  expired: 'subscription.expired',
  cancelled: 'subscription.cancelled',
} as const;

/** Why a renewal could not be paid: the ledger's refusal, its code and its English message. */
export interface RenewalRefusal {
  code: string;
  message: string;
}

/**
 * A subscription's status was written, in that write's transaction: nothing when it did not change
 * (a retry while past due raises no second `subscription.past_due`); past due, expired or cancelled
 * raise their event, and falling past due also tells the customer by email why, and when the next
 * attempt is (`why`: the ledger's refusal).
 */
export async function announceSubscriptionStatus(
  trx: Trx,
  row: SubscriptionTable,
  was: SubscriptionStatus,
  now: string,
  why?: RenewalRefusal,
): Promise<void> {
  if (row.status === was || row.status === 'active') return;
  const subscription = toSubscription(row);
  await emitEvent(trx, row.reseller_id, STATUS_EVENTS[row.status], { subscription }, now);
  if (row.status !== 'past_due') return;
  const facts = await renewalFacts(trx, row);
  if (!facts) return;
  const { to, ...rest } = facts;
  await enqueueEmailIn(
    trx,
    row.reseller_id,
    [to],
    (text) => renewalFailedEmail(text, { ...rest, reason: why, nextAttemptAt: row.next_attempt_at ?? now }),
    now,
  );
}

/** Before the period end (the renewal job's notice, once per period): the wallet does not cover it. */
export async function announceRenewalNotCovered(trx: Trx, row: SubscriptionTable, now: string) {
  const facts = await renewalFacts(trx, row);
  if (!facts) return;
  const { to, ...rest } = facts;
  await enqueueEmailIn(
    trx,
    row.reseller_id,
    [to],
    (text) => renewalNotCoveredEmail(text, { ...rest, renewsAt: row.current_period_end }),
    now,
  );
}

async function renewalFacts(trx: Trx, row: SubscriptionTable) {
  const contact = await customerContact(trx, row.reseller_id, row.customer_id);
  if (!contact.email) return null;
  const wallet = await trx
    .selectFrom('wallets')
    .select(['balance', 'pending_charges'])
    .where('id', '=', row.wallet_id)
    .executeTakeFirstOrThrow();
  return {
    to: { address: contact.email, language: contact.language },
    resellerName: contact.resellerName,
    customerName: contact.customerName,
    subscriptionId: row.id,
    productName: row.product_name,
    quantity: row.quantity,
    amount: Number(row.amount),
    currency: row.currency,
    available: Number(wallet.balance) - Number(wallet.pending_charges),
  };
}

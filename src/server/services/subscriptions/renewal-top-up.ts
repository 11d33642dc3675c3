import type { Trx } from '../../db/database.js';
import type { PaymentTable, SavedMethodTable, SubscriptionTable } from '../../db/schema.js';
import type { OfferedGateways } from '../../payments/providers.js';
import { effectiveSettings, limitsFor, readStoredSettings } from '../../payments/settings.js';
import { createTopUp } from '../payments/create-top-up.js';
import { recordAttempt } from './renew.js';

/**
 * What a short renewal does about it: `open` a new off-session top-up (the caller asks the provider
 * after commit), or `wait` for the wallet's auto top-up that is already charging (its own job opens
 * it); null when the customer has neither, or this period already tried.
 */
export type RenewalTopUp = { kind: 'open' | 'wait'; paymentId: string } | null;

type Update = (changes: Partial<SubscriptionTable>) => Promise<void>;

/**
 * Once per period, a renewal the wallet cannot cover tops the wallet up before it goes past due:
 * 1. the wallet's auto top-up, when switched on: with its method, by its amount (or up to its target
 *    balance after the renewal), never less than the shortfall; if it is charging already, wait;
 * 2. else the customer's default confirmed saved method, by the shortfall;
 * either way at least the reseller's smallest top-up for the currency.
 * Every step is a subscription_attempts row, so the customer and staff see what was tried.
 */
export async function startRenewalTopUp(
  trx: Trx,
  sub: SubscriptionTable,
  gateways: OfferedGateways,
  update: Update,
  now: string,
): Promise<RenewalTopUp> {
  const tried = await trx
    .selectFrom('subscription_attempts')
    .select('id')
    .where('subscription_id', '=', sub.id)
    .where('period_end', '=', sub.current_period_end)
    .where('outcome', '=', 'top_up_started')
    .executeTakeFirst();
  if (tried) return null;
  const wallet = await trx
    .selectFrom('wallets')
    .select(['balance', 'pending_charges'])
    .where('id', '=', sub.wallet_id)
    .executeTakeFirstOrThrow();
  const available = wallet.balance - wallet.pending_charges;
  const shortfall = sub.amount - available;

  const auto = await trx
    .selectFrom('wallet_auto_top_ups')
    .selectAll()
    .where('wallet_id', '=', sub.wallet_id)
    .where('enabled', '=', 1)
    .executeTakeFirst();
  if (auto?.state === 'pending' && auto.payment_id) {
    await update({ pending_payment_id: auto.payment_id });
    await recordAttempt(
      trx,
      sub,
      {
        trigger: 'schedule',
        outcome: 'top_up_started',
        detail: `wallet short by ${shortfall} minor units: waiting for the auto top-up already charging`,
        payment_id: auto.payment_id,
      },
      now,
    );
    return { kind: 'wait', paymentId: auto.payment_id };
  }

  let saved: SavedMethodTable | undefined;
  let amount = shortfall;
  let via: string;
  if (auto) {
    saved = await confirmedMethod(trx, sub).where('id', '=', auto.payment_method_id).executeTakeFirst();
    // Target balance: what the wallet should hold once this renewal is paid.
    const wanted = auto.amount ?? (auto.target_balance ?? 0) + sub.amount - available;
    amount = Math.max(shortfall, wanted);
    via = 'auto top-up';
  } else {
    via = 'the default saved method';
  }
  // An auto top-up whose method is gone falls back on the default method, as a customer without one.
  if (!saved) {
    saved = await confirmedMethod(trx, sub).where('is_default', '=', 1).executeTakeFirst();
    if (auto && saved) via = 'the default saved method (auto top-up method unavailable)';
    amount = shortfall;
  }
  if (!saved) return null;
  // A top-up below the reseller's smallest for the currency is refused: a wallet a few cents (or a
  // few thousand đồng) short is topped up by that smallest amount instead, the rest staying in it.
  const settings = effectiveSettings(await readStoredSettings(trx, sub.reseller_id), gateways.registry);
  amount = Math.max(amount, limitsFor(settings, sub.currency).minAmount);

  const created = await createTopUp(
    trx,
    { resellerId: sub.reseller_id, canWrite: true },
    {
      walletId: sub.wallet_id,
      body: {
        amount,
        provider: saved.provider as PaymentTable['provider'] as never,
        ...(saved.payer_id ? { payerId: saved.payer_id } : {}),
        savedMethodId: saved.id,
      },
      idempotencyKey: `renewal-${sub.id}-${sub.current_period_end}`,
      gateways,
    },
    now,
  );
  if (!created.ok) {
    await recordAttempt(
      trx,
      sub,
      {
        trigger: 'schedule',
        outcome: 'top_up_failed',
        detail: `no top-up by ${via} with ${saved.label}: ${created.failure.message}`,
      },
      now,
    );
    return null;
  }
  await update({ pending_payment_id: created.value.id });
  await recordAttempt(
    trx,
    sub,
    {
      trigger: 'schedule',
      outcome: 'top_up_started',
      detail: `wallet short by ${shortfall} minor units: ${via} charging ${amount} to ${saved.label}`,
      payment_id: created.value.id,
    },
    now,
  );
  return { kind: 'open', paymentId: created.value.id };
}

function confirmedMethod(trx: Trx, sub: SubscriptionTable) {
  return trx
    .selectFrom('saved_methods')
    .selectAll()
    .where('reseller_id', '=', sub.reseller_id)
    .where('customer_id', '=', sub.customer_id)
    .where('status', '=', 'confirmed')
    .where('deleted_at', 'is', null);
}

import type { PaymentProviderId } from '../../../shared/api/payments.js';
import type { Currency } from '../../../shared/money.js';
import type { Trx } from '../../db/database.js';
import type { WalletAutoTopUpTable } from '../../db/schema.js';
import { enqueueEmailIn, staffRecipients } from '../../email/index.js';
import { autoTopUpWaitingEmail } from '../../email/templates/auto-top-up-waiting.js';
import { emitEvent } from '../../events/index.js';

/**
 * How long a charge waits on a provider that cannot be asked about it before the reseller is told:
 * by then the job has asked seven times (LOOKUP_RETRY_MS doubling), so it is no passing blip.
 */
export const UNCONFIRMED_NOTICE_MS = 60 * 60_000;

/**
 * Tells the reseller, once per waiting charge, that an auto top-up's charge has waited an hour on
 * its provider: the `wallet.auto_top_up_unconfirmed` webhook event and an email to its admins, in
 * the caller's transaction (the outboxes deliver them). `row` is the auto top-up as the failed
 * lookup just left it. Whoever marks it noticed (a conditional UPDATE) sends; later lookups of the
 * same charge find it marked. The mark clears when the charge settles (charge.ts CONFIRMABLE).
 */
export async function noticeUnconfirmedCharge(
  trx: Trx,
  row: WalletAutoTopUpTable,
  now: string,
): Promise<void> {
  const since = row.unconfirmed_since;
  if (!since || !row.payment_id || Date.parse(now) - Date.parse(since) < UNCONFIRMED_NOTICE_MS) return;
  const marked = await trx
    .updateTable('wallet_auto_top_ups')
    .set({ unconfirmed_noticed_at: now })
    .where('wallet_id', '=', row.wallet_id)
    .where('payment_id', '=', row.payment_id)
    .where('state', '=', 'pending')
    .where('unconfirmed_noticed_at', 'is', null)
    .executeTakeFirst();
  if (Number(marked.numUpdatedRows) === 0) return;
  const payment = await trx
    .selectFrom('payments')
    .select(['amount', 'currency'])
    .where('id', '=', row.payment_id)
    .executeTakeFirstOrThrow();
  const waiting = {
    walletId: row.wallet_id,
    customerId: row.customer_id,
    paymentId: row.payment_id,
    provider: row.unconfirmed_provider as PaymentProviderId,
    code: row.unconfirmed_code,
    asks: row.unconfirmed_asks ?? 0,
    since,
    amount: payment.amount,
    currency: payment.currency as Currency,
  };
  await emitEvent(trx, row.reseller_id, 'wallet.auto_top_up_unconfirmed', waiting, now);
  const admins = await staffRecipients(trx, row.reseller_id, { roles: ['reseller_admin'] });
  await enqueueEmailIn(trx, row.reseller_id, admins, (text) => autoTopUpWaitingEmail(text, waiting), now);
}

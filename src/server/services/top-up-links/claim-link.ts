import type { Trx } from '../../db/database.js';
import type { PaymentTable, TopUpLinkTable } from '../../db/schema.js';
import { Failure } from '../failure.js';

/** A payment in one of these can no longer be paid: its link may start another. */
const ENDED: PaymentTable['status'][] = ['failed', 'cancelled', 'expired'];

export type LinkClaim = { claimed: true } | { claimed: false; openPaymentId: string };

/**
 * One link, one payment. Makes `paymentId` the link's payment, in the caller's transaction, by one
 * conditional update: only while the link is active and has no payment, or its payment ended without
 * being paid. Whoever loses (a second checkout, or a concurrent one: the row lock orders them and the
 * later re-reads the condition) gets the payment that is open instead, to show the payer the same
 * checkout. Once that payment is paid the link is `used` (see payments/settle.ts) and refused here.
 */
export async function claimLink(
  trx: Trx,
  link: Pick<TopUpLinkTable, 'id'>,
  paymentId: string,
  now: string,
): Promise<LinkClaim> {
  const claimed = await trx
    .updateTable('top_up_links')
    .set({ payment_id: paymentId, updated_at: now })
    .where('id', '=', link.id)
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('payment_id', 'is', null),
        eb.exists(
          eb
            .selectFrom('payments')
            .select('payments.id')
            .whereRef('payments.id', '=', 'top_up_links.payment_id')
            .where('payments.status', 'in', ENDED),
        ),
      ]),
    )
    .returning('id')
    .executeTakeFirst();
  if (claimed) return { claimed: true };

  const current = await trx
    .selectFrom('top_up_links')
    .select(['status', 'payment_id'])
    .where('id', '=', link.id)
    .executeTakeFirstOrThrow();
  if (current.status === 'revoked') throw linkRevoked();
  if (current.status === 'used') throw linkUsed();
  if (current.status !== 'active' || current.payment_id === null) throw linkExpired();
  return { claimed: false, openPaymentId: current.payment_id };
}

/**
 * Why a link takes no payment, as the API says it to every caller; the payer's page words it from
 * its reason in the page's language (i18n/payer-errors.ts).
 */
export const linkRevoked = () =>
  new Failure('conflict', 'this top-up link was revoked', 'topUpLinkToken', {
    key: 'top_up_link_revoked',
    values: {},
  });
export const linkUsed = () =>
  new Failure('conflict', 'this top-up link was already used', 'topUpLinkToken', {
    key: 'top_up_link_used',
    values: {},
  });
export const linkExpired = () =>
  new Failure('conflict', 'this top-up link has expired', 'topUpLinkToken', {
    key: 'top_up_link_expired',
    values: {},
  });

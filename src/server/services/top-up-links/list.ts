import type { TopUpLinkTable } from '../../db/schema.js';
import { findCustomer, type Reader } from '../lookups.js';
import type { Scope } from '../scope.js';

/** A customer's top-up links, newest first (`not_found` on `id` outside the caller's scope). */
export async function listTopUpLinks(
  db: Reader,
  scope: Scope,
  customerId: string,
): Promise<TopUpLinkTable[]> {
  const customer = await findCustomer(db, scope, customerId);
  return db
    .selectFrom('top_up_links')
    .selectAll()
    .where('customer_id', '=', customer.id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** The link a token names, whatever its state (the token is the payer's only key to it). */
export function linkByToken(db: Reader, token: string): Promise<TopUpLinkTable | undefined> {
  return db.selectFrom('top_up_links').selectAll().where('token', '=', token).executeTakeFirst();
}

/** The link's payment while it can still be paid (a link pays once: see claim-link.ts), else null. */
export async function openPaymentOf(db: Reader, link: TopUpLinkTable): Promise<string | null> {
  if (!link.payment_id) return null;
  const payment = await db
    .selectFrom('payments')
    .select(['id', 'status'])
    .where('id', '=', link.payment_id)
    .executeTakeFirst();
  return payment && (payment.status === 'new' || payment.status === 'processing') ? payment.id : null;
}

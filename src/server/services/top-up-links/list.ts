import type { PaymentTable, TopUpLinkTable } from '../../db/schema.js';
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

/** A payment started through `link` (whatever its status), or undefined when it is not one of its own. */
export function linkPayment(
  db: Reader,
  link: Pick<TopUpLinkTable, 'id' | 'reseller_id'>,
  paymentId: string,
): Promise<Pick<PaymentTable, 'id' | 'status' | 'amount'> | undefined> {
  return db
    .selectFrom('payments')
    .select(['id', 'status', 'amount'])
    .where('id', '=', paymentId)
    .where('reseller_id', '=', link.reseller_id)
    .where('top_up_link_id', '=', link.id)
    .executeTakeFirst();
}

/**
 * The names a link's payer is shown: the reseller's business name (whom they pay) and the customer's
 * display name (whose wallet it tops up). Only those: the page is public to whoever holds the URL.
 */
export async function namesOf(
  db: Reader,
  link: Pick<TopUpLinkTable, 'reseller_id' | 'customer_id'>,
): Promise<{ merchant: string; customer: string }> {
  const row = await db
    .selectFrom('customers')
    .innerJoin('resellers', 'resellers.id', 'customers.reseller_id')
    .select(['resellers.name as merchant', 'customers.name as customer'])
    .where('customers.id', '=', link.customer_id)
    .where('customers.reseller_id', '=', link.reseller_id)
    .executeTakeFirstOrThrow();
  return row;
}

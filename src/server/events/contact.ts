import type { Language } from '../../shared/api/language.js';
import type { Trx } from '../db/database.js';

/**
 * Who a customer email goes to, in which language (the customer's, see email/recipients.ts), and
 * the reseller it comes from (receipts and notices).
 */
export async function customerContact(
  trx: Trx,
  resellerId: string,
  customerId: string,
): Promise<{ email: string | null; language: Language; customerName: string; resellerName: string }> {
  const customer = await trx
    .selectFrom('customers')
    .select(['name', 'email', 'language'])
    .where('id', '=', customerId)
    .executeTakeFirst();
  const reseller = await trx
    .selectFrom('resellers')
    .select('name')
    .where('id', '=', resellerId)
    .executeTakeFirst();
  return {
    email: customer?.email ?? null,
    language: customer?.language ?? 'en',
    customerName: customer?.name ?? 'customer',
    resellerName: reseller?.name ?? 'Your provider',
  };
}

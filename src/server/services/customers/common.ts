import type { Language } from '../../../shared/api/language.js';
import type { Trx } from '../../db/database.js';
import type { CustomerTable } from '../../db/schema.js';
import { toCustomer } from '../../wire/customer.js';
import { recordChanges } from '../../sync/record.js';
import { Failure } from '../failure.js';

/** What the customer search matches: name, email and external reference, lower-cased. */
export const searchText = (c: Pick<CustomerTable, 'name' | 'email' | 'external_ref'>) =>
  [c.name, c.email, c.external_ref ?? ''].join('\n').toLowerCase();

/** An external reference names one customer of a reseller: `conflict` on `externalRef` if taken. */
export async function ensureRefFree(trx: Trx, resellerId: string, externalRef: string): Promise<void> {
  const taken = await trx
    .selectFrom('customers')
    .select('id')
    .where('reseller_id', '=', resellerId)
    .where('external_ref', '=', externalRef)
    .executeTakeFirst();
  if (taken)
    throw new Failure('conflict', `customer ${taken.id} already has this external reference`, 'externalRef');
}

/** Records a customer's new state in the change feed; answers its wire shape. */
export async function recordCustomer(trx: Trx, row: CustomerTable, op: 'create' | 'update', now: string) {
  const customer = toCustomer(row);
  await recordChanges(trx, now, [
    { resellerId: row.reseller_id, customerId: row.id, entity: 'customer', id: row.id, op, data: customer },
  ]);
  return customer;
}

/** What the audit trail keeps of a customer: the fields staff set. */
export function customerFacts(row: Pick<CustomerTable, 'name' | 'email' | 'external_ref' | 'language'>) {
  return { name: row.name, email: row.email, externalRef: row.external_ref, language: row.language ?? null };
}

/**
 * A customer's language as an admin sets it: a language is the admin's choice, which the customer's
 * own login no longer changes; null drops the choice, and the customer's mails follow its login's
 * language again (the language of its oldest active login that has one), else English.
 */
export async function adminLanguage(
  trx: Pick<Trx, 'selectFrom'>,
  customerId: string,
  language: Language | null,
): Promise<Pick<CustomerTable, 'language' | 'language_set_by'>> {
  if (language !== null) return { language, language_set_by: 'admin' };
  const login = await trx
    .selectFrom('users')
    .select('language')
    .where('customer_id', '=', customerId)
    .where('role', '=', 'customer')
    .where('disabled_at', 'is', null)
    .where('language', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  return login?.language
    ? { language: login.language, language_set_by: 'user' }
    : { language: null, language_set_by: null };
}

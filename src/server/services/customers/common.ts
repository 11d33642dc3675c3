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
export function customerFacts(row: Pick<CustomerTable, 'name' | 'email' | 'external_ref'>) {
  return { name: row.name, email: row.email, externalRef: row.external_ref };
}

import type { PayerTable, SavedMethodTable } from '../../db/schema.js';
import { findCustomer, type Reader } from '../lookups.js';
import type { Scope } from '../scope.js';

/** A customer's payers: the default first, then the oldest. */
export async function payersOf(db: Reader, customerId: string): Promise<PayerTable[]> {
  return db
    .selectFrom('payers')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('is_default', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Saved methods as a customer should see them: the default first, then the newest. */
export async function savedMethodsOf(
  db: Reader,
  customerId: string,
  payerId?: string,
): Promise<SavedMethodTable[]> {
  let q = db
    .selectFrom('saved_methods')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('deleted_at', 'is', null);
  if (payerId) q = q.where('payer_id', '=', payerId);
  return q.orderBy('is_default', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

/** The payers of a customer in the caller's scope (`not_found` on `id` otherwise). */
export async function listPayers(db: Reader, scope: Scope, customerId: string): Promise<PayerTable[]> {
  const customer = await findCustomer(db, scope, customerId);
  return payersOf(db, customer.id);
}

/** The saved methods of a customer in the caller's scope, of one payer if asked. */
export async function listSavedMethods(
  db: Reader,
  scope: Scope,
  customerId: string,
  payerId?: string,
): Promise<SavedMethodTable[]> {
  const customer = await findCustomer(db, scope, customerId);
  return savedMethodsOf(db, customer.id, payerId);
}

import type { Trx } from '../../db/database.js';
import type { PayerTable } from '../../db/schema.js';
import { paymentsId } from '../../lib/ids.js';
import { findCustomer } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import type { Scope } from '../scope.js';
import { payersOf } from './list.js';

export interface CreatePayer {
  customerId: string;
  name: string;
  email?: string | undefined;
  isDefault?: boolean | undefined;
}

/**
 * Adds a billing entity to a customer. The first payer is the default; a later one only when asked,
 * and then the previous default stops being one.
 */
export function createPayer(
  trx: Trx,
  scope: Scope,
  input: CreatePayer,
  now: string,
): Promise<Result<PayerTable, 'not_found'>> {
  return attempt(['not_found'], async () => {
    const customer = await findCustomer(trx, scope, input.customerId);
    const existing = await payersOf(trx, customer.id);
    const isDefault = existing.length === 0 || input.isDefault === true;
    if (isDefault)
      await trx.updateTable('payers').set({ is_default: 0 }).where('customer_id', '=', customer.id).execute();
    const row: PayerTable = {
      id: paymentsId('payer'),
      reseller_id: scope.resellerId,
      customer_id: customer.id,
      name: input.name,
      email: input.email ?? null,
      is_default: isDefault ? 1 : 0,
      created_at: now,
    };
    await trx.insertInto('payers').values(row).execute();
    return row;
  });
}

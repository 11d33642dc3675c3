import type { Customer } from '../../../shared/api/customers.js';
import type { Language } from '../../../shared/api/language.js';
import { newId } from '../../../shared/ids.js';
import type { Trx } from '../../db/database.js';
import type { CustomerTable } from '../../db/schema.js';
import { recordAudit } from '../audit/record.js';
import { attempt, type Result } from '../result.js';
import type { Scope } from '../scope.js';
import { customerFacts, ensureRefFree, recordCustomer, searchText } from './common.js';

export interface CreateCustomerInput {
  name: string;
  email: string;
  externalRef?: string | null | undefined;
  /** What its emails are written in, as the admin chose; null or absent: not chosen (English). */
  language?: Language | null | undefined;
}

/** A new customer of the caller's reseller; its external reference, if any, must be free (`conflict`). */
export async function createCustomer(
  trx: Trx,
  scope: Scope,
  input: CreateCustomerInput,
  now: string,
): Promise<Result<Customer, 'conflict'>> {
  return attempt(['conflict'], async () => {
    if (input.externalRef) await ensureRefFree(trx, scope.resellerId, input.externalRef);
    const base = { name: input.name, email: input.email, external_ref: input.externalRef ?? null };
    const row: CustomerTable = {
      id: newId('customer'),
      reseller_id: scope.resellerId,
      ...base,
      search_text: searchText(base),
      // A new customer has no login yet whose language it could follow.
      language: input.language ?? null,
      language_set_by: input.language ? 'admin' : null,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('customers').values(row).execute();
    await recordAudit(
      trx,
      scope,
      { action: 'customer.created', entityType: 'customer', entityId: row.id, after: customerFacts(row) },
      now,
    );
    return recordCustomer(trx, row, 'create', now);
  });
}

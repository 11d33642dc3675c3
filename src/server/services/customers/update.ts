import type { Customer } from '../../../shared/api/customers.js';
import type { Language } from '../../../shared/api/language.js';
import type { Trx } from '../../db/database.js';
import { findCustomer } from '../lookups.js';
import { recordAudit } from '../audit/record.js';
import { attempt, type Result } from '../result.js';
import type { Scope } from '../scope.js';
import { adminLanguage, customerFacts, ensureRefFree, recordCustomer, searchText } from './common.js';

export interface UpdateCustomerInput {
  id: string;
  name?: string | undefined;
  email?: string | undefined;
  /** null clears it; omitted keeps it. */
  externalRef?: string | null | undefined;
  /** A language is the admin's choice; null drops it (see adminLanguage); omitted keeps it. */
  language?: Language | null | undefined;
}

/** Changes the fields given; a new external reference must be free (`conflict`). */
export async function updateCustomer(
  trx: Trx,
  scope: Scope,
  input: UpdateCustomerInput,
  now: string,
): Promise<Result<Customer, 'not_found' | 'conflict'>> {
  return attempt(['not_found', 'conflict'], async () => {
    // Lock the row (PostgreSQL; SQLite runs one write at a time) so that concurrent updates of
    // different fields each start from the other's result instead of undoing it.
    const current = await findCustomer(trx, scope, input.id, { forUpdate: trx.dialect === 'postgres' });
    if (input.externalRef && input.externalRef !== current.external_ref) {
      await ensureRefFree(trx, scope.resellerId, input.externalRef);
    }
    const next = {
      name: input.name ?? current.name,
      email: input.email ?? current.email,
      external_ref: input.externalRef === undefined ? current.external_ref : input.externalRef,
    };
    const language = input.language === undefined ? {} : await adminLanguage(trx, current.id, input.language);
    const row = await trx
      .updateTable('customers')
      .set({ ...next, ...language, search_text: searchText(next), updated_at: now })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      scope,
      {
        action: 'customer.updated',
        entityType: 'customer',
        entityId: row.id,
        before: customerFacts(current),
        after: customerFacts(row),
      },
      now,
    );
    return recordCustomer(trx, row, 'update', now);
  });
}

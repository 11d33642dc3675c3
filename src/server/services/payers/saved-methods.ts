import type { Trx } from '../../db/database.js';
import type { SavedMethodTable } from '../../db/schema.js';
import { switchOffForRemovedMethod } from '../auto-top-up/settings.js';
import { findSavedMethod } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import type { Scope } from '../scope.js';

/** Makes a saved method its payer's default (one per payer: the top-up form pre-selects it). */
export function setDefaultSavedMethod(
  trx: Trx,
  scope: Scope,
  input: { id: string },
  now: string,
): Promise<Result<SavedMethodTable, 'not_found'>> {
  return attempt(['not_found'], async () => {
    const method = await findSavedMethod(trx, scope, input.id);
    await trx
      .updateTable('saved_methods')
      .set({ is_default: 0, updated_at: now })
      .where('payer_id', '=', method.payer_id)
      .where('is_default', '=', 1)
      .execute();
    return trx
      .updateTable('saved_methods')
      .set({ is_default: 1, updated_at: now })
      .where('id', '=', method.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/**
 * Removes a saved method: kept as a row (payments name it), but gone for every list and every
 * charge — its token is dropped, and an auto top-up that charged it is switched off.
 */
export function deleteSavedMethod(
  trx: Trx,
  scope: Scope,
  input: { id: string },
  now: string,
): Promise<Result<void, 'not_found'>> {
  return attempt(['not_found'], async () => {
    const method = await findSavedMethod(trx, scope, input.id);
    await trx
      .updateTable('saved_methods')
      .set({ deleted_at: now, is_default: 0, token: null, updated_at: now })
      .where('id', '=', method.id)
      .execute();
    await switchOffForRemovedMethod(trx, method.id, now);
  });
}

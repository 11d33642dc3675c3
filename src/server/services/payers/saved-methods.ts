import type { Trx } from '../../db/database.js';
import type { SavedMethodTable } from '../../db/schema.js';
import { switchOffForRemovedMethod } from '../auto-top-up/settings.js';
import { findSavedMethod } from '../lookups.js';
import { attempt, type Result } from '../result.js';
import type { Scope } from '../scope.js';
import { recordChanges } from '../../sync/record.js';
import { savedMethodChange } from '../../wire/saved-method.js';

/**
 * Makes a saved method its payer's default (one per payer: the top-up form pre-selects it). Both
 * the method and the one it takes over from are announced in the feed: consoles read their lists of
 * saved methods again.
 */
export function setDefaultSavedMethod(
  trx: Trx,
  scope: Scope,
  input: { id: string },
  now: string,
): Promise<Result<SavedMethodTable, 'not_found'>> {
  return attempt(['not_found'], async () => {
    const method = await findSavedMethod(trx, scope, input.id);
    const before = await trx
      .updateTable('saved_methods')
      .set({ is_default: 0, updated_at: now })
      .where('payer_id', '=', method.payer_id)
      .where('is_default', '=', 1)
      .where('id', '!=', method.id)
      .returningAll()
      .execute();
    const row = await trx
      .updateTable('saved_methods')
      .set({ is_default: 1, updated_at: now })
      .where('id', '=', method.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChanges(trx, now, [...before, row].map(savedMethodChange));
    return row;
  });
}

/**
 * Removes a saved method: kept as a row (payments name it), but gone for every list and every
 * charge — its token is dropped, and an auto top-up that charged it is switched off. The removal is
 * announced in the feed, so that no console goes on offering it.
 */
export function deleteSavedMethod(
  trx: Trx,
  scope: Scope,
  input: { id: string },
  now: string,
): Promise<Result<void, 'not_found'>> {
  return attempt(['not_found'], async () => {
    const method = await findSavedMethod(trx, scope, input.id);
    const row = await trx
      .updateTable('saved_methods')
      .set({ deleted_at: now, is_default: 0, token: null, updated_at: now })
      .where('id', '=', method.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChanges(trx, now, [savedMethodChange(row)]);
    await switchOffForRemovedMethod(trx, method.id, now);
  });
}

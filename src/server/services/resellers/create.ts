import { newId } from '../../../shared/ids.js';
import type { Trx } from '../../db/database.js';
import { ok, type Result } from '../result.js';

/** A new tenant: a reseller with no logins, customers or settings of its own yet. */
export async function createReseller(
  trx: Trx,
  input: { name: string },
  now: string,
): Promise<Result<{ id: string; name: string }, never>> {
  const id = newId('reseller');
  await trx.insertInto('resellers').values({ id, name: input.name, created_at: now }).execute();
  return ok({ id, name: input.name });
}

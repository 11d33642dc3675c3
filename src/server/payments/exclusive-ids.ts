import type { Trx } from '../db/database.js';
import { Failure } from '../services/failure.js';

/**
 * Records that `resellerId` now holds these credential identities for `provider` (replacing what its
 * previous credentials held), inside the transaction that stores the credentials. One held by another
 * reseller is refused naming the field: the primary key makes that true under concurrent saves too.
 */
export async function claimExclusiveIds(
  trx: Trx,
  resellerId: string,
  provider: string,
  ids: Record<string, string | undefined>,
  now: string,
): Promise<void> {
  await trx
    .deleteFrom('exclusive_credential_ids')
    .where('reseller_id', '=', resellerId)
    .where('provider', '=', provider)
    .execute();
  for (const [name, id] of Object.entries(ids)) {
    if (id === undefined) continue;
    const claimed = await trx
      .insertInto('exclusive_credential_ids')
      .values({ id, reseller_id: resellerId, provider, field: name, created_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!claimed) {
      const field = `credentials.${name}`;
      throw new Failure(
        'conflict',
        `${field}: this key is already configured by another reseller; each reseller needs a key of its own, or payments would share addresses`,
        field,
      );
    }
  }
}

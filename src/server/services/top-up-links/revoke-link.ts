import type { Trx } from '../../db/database.js';
import type { TopUpLinkTable } from '../../db/schema.js';
import { recordAudit } from '../audit/record.js';
import { Failure, notFound } from '../failure.js';
import { attempt, type Result } from '../result.js';
import type { Scope } from '../scope.js';

/**
 * Revokes one of the reseller's links (a staff member's `scope`): its page takes no payment from
 * now on. Idempotent: a revoked link keeps its first revocation time and the trail one record. A
 * payment already started through it is left as it is (the payer may still finish it; settling it
 * leaves the link revoked). A used link was paid: there is nothing left to revoke (`conflict`).
 */
export function revokeTopUpLink(
  trx: Trx,
  scope: Scope,
  input: { id: string },
  now: string,
): Promise<Result<TopUpLinkTable, 'not_found' | 'conflict'>> {
  return attempt(['not_found', 'conflict'], async () => {
    const revoked = await trx
      .updateTable('top_up_links')
      .set({ status: 'revoked', revoked_at: now, updated_at: now })
      .where('id', '=', input.id)
      .where('reseller_id', '=', scope.resellerId)
      .where('status', 'in', ['active', 'expired'])
      .returningAll()
      .executeTakeFirst();
    if (revoked) {
      await recordAudit(
        trx,
        scope,
        {
          action: 'top_up_link.revoked',
          entityType: 'top_up_link',
          entityId: revoked.id,
          // Never the token (see create-link.ts).
          after: { customerId: revoked.customer_id, walletId: revoked.wallet_id, revokedAt: now },
        },
        now,
      );
      return revoked;
    }
    const row = await trx
      .selectFrom('top_up_links')
      .selectAll()
      .where('id', '=', input.id)
      .where('reseller_id', '=', scope.resellerId)
      .executeTakeFirst();
    if (!row) throw notFound('top-up link', 'id');
    if (row.status === 'used') {
      throw new Failure('conflict', 'this top-up link was already used: there is nothing to revoke', 'id', {
        key: 'top_up_link_nothing_to_revoke',
        values: {},
      });
    }
    return row;
  });
}

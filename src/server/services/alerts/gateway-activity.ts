import { sql } from 'kysely';
import type { GatewayActivity } from '../../../shared/api/gateway-activity.js';
import type { Store } from '../../db/database.js';
import type { Scope } from '../scope.js';

const WEEK_MS = 7 * 86_400_000;

/**
 * For the console's event-lag monitor (staff): each provider's newest webhook stored for this
 * reseller (a stored event with its raw body: polled ones keep none), and the paid payments of the
 * last 7 days that no stored webhook names (confirmed only by a status query). Charges of saved
 * methods are left out: the charge's own answer confirms them, no webhook is expected.
 */
export async function gatewayActivity(db: Store['db'], scope: Scope, now: string): Promise<GatewayActivity> {
  const providers = await db
    .selectFrom('gateway_events')
    .select(['provider', sql<string>`max(received_at)`.as('last')])
    .where('reseller_id', '=', scope.resellerId)
    .where('raw_body', 'is not', null)
    .groupBy('provider')
    .orderBy('provider')
    .execute();
  const since = new Date(Date.parse(now) - WEEK_MS).toISOString();
  const pollingOnly = await db
    .selectFrom('payments as p')
    .select(['p.id', 'p.provider', 'p.wallet_id', 'p.paid_at'])
    .where('p.reseller_id', '=', scope.resellerId)
    .where('p.status', '=', 'paid')
    .where('p.saved_method_id', 'is', null)
    .where('p.paid_at', '>', since)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('gateway_events as e')
            .select('e.id')
            .whereRef('e.reseller_id', '=', 'p.reseller_id')
            .whereRef('e.provider', '=', 'p.provider')
            .where('e.raw_body', 'is not', null)
            .where(sql<boolean>`e.event like '%' || p.id || '%'`),
        ),
      ),
    )
    .orderBy('p.paid_at', 'desc')
    .limit(50)
    .execute();
  return {
    providers: providers.map((p) => ({ provider: p.provider, lastWebhookAt: p.last })),
    pollingOnly: pollingOnly.map((p) => ({
      paymentId: p.id,
      provider: p.provider,
      walletId: p.wallet_id,
      paidAt: p.paid_at,
    })),
  };
}

import type { TopUpLink } from '../../shared/api/payments.js';
import type { TopUpLinkTable } from '../db/schema.js';

export function toTopUpLink(row: TopUpLinkTable, url: string, now: string): TopUpLink {
  return {
    id: row.id,
    customerId: row.customer_id,
    walletId: row.wallet_id,
    amount: row.amount,
    currency: row.currency,
    url,
    // An active link past its expiry reads as expired without a job having to touch it.
    status: row.status === 'active' && row.expires_at <= now ? 'expired' : row.status,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    revokedAt: row.revoked_at ?? null,
  };
}

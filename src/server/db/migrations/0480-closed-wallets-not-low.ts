import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

interface Cleared {
  wallet_id: string;
  reseller_id: string;
  customer_id: string;
  threshold: number | string | null;
  runway_days: number | null;
  channels: string;
  emails: string;
}

/**
 * A wallet that closed while below its low-balance line stayed `low` (until 20b2eb8, closing left its
 * alert state as it was), and every console counts the low wallets from the alert settings the feed
 * brings (header, dashboard): a closed wallet has no next change, so it was counted for good. Each
 * one is cleared as closing clears it now (services/alerts/settings.ts clearForClosedWallet): `ok`
 * since this migration ran, its rule kept, no alert sent, and one feed update of its settings, for
 * its customer, in the shape the API reads them (wire/alerts.ts toAlertSettings, as written here),
 * so the consoles stop counting it. The feed rows are left unnumbered; the sequencer numbers them.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  const now = new Date().toISOString();
  const { rows } = await sql<Cleared>`
    SELECT s.wallet_id, s.reseller_id, s.customer_id, s.threshold, s.runway_days, s.channels, s.emails
    FROM wallet_alert_settings s JOIN wallets w ON w.id = s.wallet_id
    WHERE s.state = 'low' AND w.status = 'closed'
    ORDER BY s.wallet_id`.execute(db);
  for (const row of rows) {
    await sql`UPDATE wallet_alert_settings SET state = 'ok', state_since = ${now}, updated_at = ${now}
      WHERE wallet_id = ${row.wallet_id} AND state = 'low'`.execute(db);
    const data = {
      walletId: row.wallet_id,
      customerId: row.customer_id,
      // PostgreSQL answers a bigint as text.
      threshold: row.threshold === null ? null : Number(row.threshold),
      runwayDays: row.runway_days,
      channels: JSON.parse(row.channels) as unknown,
      emails: JSON.parse(row.emails) as unknown,
      state: 'ok',
      stateSince: now,
      updatedAt: now,
    };
    await sql`INSERT INTO changes (seq, reseller_id, customer_id, entity, entity_id, op, data, created_at)
      VALUES (NULL, ${row.reseller_id}, ${row.customer_id}, 'wallet_alert_settings', ${row.wallet_id},
        'update', ${JSON.stringify(data)}, ${now})`.execute(db);
  }
}

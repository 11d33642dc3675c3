import type BetterSqlite3 from 'better-sqlite3';
import type { AlertSettings, AutoTopUp, WalletAlert } from '../../shared/api/alerts.js';
import type { EntityChange } from '../../shared/api/sync.js';
import { runwayDays, runwayWindowStart } from '../../shared/runway.js';
import { HistoryReads } from './history-reads.js';

type AlertChange = Extract<
  EntityChange,
  { entity: 'wallet_alert' | 'wallet_alert_settings' | 'wallet_auto_top_up' }
>;

/** A wallet's alert picture as the console shows it: settings, auto top-up, runway, history. */
export interface WalletAlertView {
  settings: AlertSettings | null;
  autoTopUp: AutoTopUp | null;
  /** Σ |payments| of the last 30 days in the cache, and the runway it gives (src/shared/runway.ts). */
  spentLast30Days: number;
  runwayDays: number | null;
  alerts: WalletAlert[];
}

export interface LowWallet {
  walletId: string;
  customerId: string;
  since: string;
}

/** The low wallets' settings, longest below their line first (wallet_alert_settings_low's order). */
export const LOW_WALLETS = `select data from wallet_alert_settings where state = 'low' order by state_since, wallet_id`;
/** How many wallets are low, counted in wallet_alert_settings_low. */
export const LOW_WALLET_COUNT = `select count(*) from wallet_alert_settings where state = 'low'`;

/**
 * The cache's low-balance alert tables (cache migration 140), written from the change feed with the
 * rest of a page (FeedWriter), and read for the wallet page, the dashboard and the header. Alerts
 * that arrive in a live page (not history) are kept for the notification (`takeNewAlerts`).
 */
export class AlertCache {
  private fresh: WalletAlert[] = [];
  private readonly insertAlert: BetterSqlite3.Statement;
  private readonly upsertSettings: BetterSqlite3.Statement;
  private readonly upsertAutoTopUp: BetterSqlite3.Statement;

  /** The ledger's numbered rows, which the runway's 30 days of spending is summed over. */
  private readonly history: HistoryReads;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.history = new HistoryReads(db);
    this.insertAlert = db.prepare(
      `insert or ignore into wallet_alerts (id, wallet_id, customer_id, type, created_at, data)
       values (?, ?, ?, ?, ?, ?)`,
    );
    this.upsertSettings = db.prepare(
      `insert into wallet_alert_settings (wallet_id, state, state_since, updated_at, data) values (?, ?, ?, ?, ?)
       on conflict (wallet_id) do update set state = excluded.state, state_since = excluded.state_since,
         updated_at = excluded.updated_at, data = excluded.data
         where excluded.updated_at >= wallet_alert_settings.updated_at`,
    );
    this.upsertAutoTopUp = db.prepare(
      `insert into wallet_auto_top_ups (wallet_id, updated_at, data) values (?, ?, ?)
       on conflict (wallet_id) do update set updated_at = excluded.updated_at, data = excluded.data
         where excluded.updated_at >= wallet_auto_top_ups.updated_at`,
    );
  }

  /** Inside the page's transaction. */
  apply(change: AlertChange): void {
    switch (change.entity) {
      case 'wallet_alert': {
        const a = change.data;
        const { changes } = this.insertAlert.run(
          a.id,
          a.walletId,
          a.customerId,
          a.type,
          a.createdAt,
          JSON.stringify(a),
        );
        if (changes > 0) this.fresh.push(a);
        break;
      }
      case 'wallet_alert_settings':
        this.putSettings(change.data);
        break;
      case 'wallet_auto_top_up': {
        const t = change.data;
        this.upsertAutoTopUp.run(t.walletId, t.updatedAt, JSON.stringify(t));
        break;
      }
    }
  }

  /** Alerts that arrived since this was last asked (a history pull asks and drops them). */
  takeNewAlerts(): WalletAlert[] {
    const fresh = this.fresh;
    this.fresh = [];
    return fresh;
  }

  putSettings(settings: AlertSettings): void {
    this.upsertSettings.run(
      settings.walletId,
      settings.state,
      settings.stateSince,
      settings.updatedAt,
      JSON.stringify(settings),
    );
  }

  putAutoTopUp(autoTopUp: AutoTopUp): void {
    this.upsertAutoTopUp.run(autoTopUp.walletId, autoTopUp.updatedAt, JSON.stringify(autoTopUp));
  }

  wallet(walletId: string, available: number, now: Date): WalletAlertView {
    const settings = this.db
      .prepare<[string], { data: string }>('select data from wallet_alert_settings where wallet_id = ?')
      .get(walletId);
    const autoTopUp = this.db
      .prepare<[string], { data: string }>('select data from wallet_auto_top_ups where wallet_id = ?')
      .get(walletId);
    const alerts = this.db
      .prepare<[string], { data: string }>(
        'select data from wallet_alerts where wallet_id = ? order by created_at desc, id desc limit 50',
      )
      .all(walletId);
    const spent = this.spent(walletId, now);
    return {
      settings: settings ? (JSON.parse(settings.data) as AlertSettings) : null,
      autoTopUp: autoTopUp ? (JSON.parse(autoTopUp.data) as AutoTopUp) : null,
      spentLast30Days: spent,
      runwayDays: runwayDays(available, spent),
      alerts: alerts.map((a) => JSON.parse(a.data) as WalletAlert),
    };
  }

  /** Σ |amount| of cached `payment` rows of the last 30 days: the runway's spending, as the API counts it. */
  spent(walletId: string, now: Date): number {
    const iso = now.toISOString();
    return this.history.spentBetween(walletId, 'payment', runwayWindowStart(iso), iso);
  }

  /**
   * Wallets whose alert state is `low`, longest below their line first, at most `limit`, and how
   * many there are: the dashboard's and the header's "low wallet" at a glance. The low ones have
   * an index of their own (cache migration 320), so neither read visits the wallets that are fine.
   */
  lowWallets(limit: number): { items: LowWallet[]; total: number } {
    const items = this.db
      .prepare<[number], { data: string }>(`${LOW_WALLETS} limit ?`)
      .all(limit)
      .map((r) => JSON.parse(r.data) as AlertSettings)
      .map((s) => ({ walletId: s.walletId, customerId: s.customerId, since: s.stateSince }));
    const total = this.db.prepare(LOW_WALLET_COUNT).pluck().get() as number;
    return { items, total };
  }

  clear(): void {
    this.db.exec(
      'delete from wallet_alerts; delete from wallet_alert_settings; delete from wallet_auto_top_ups;',
    );
  }
}

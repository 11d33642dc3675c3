import { afterEach, describe, expect, it } from 'vitest';
import { migrateUpTo } from '../../../src/server/db/migrate.js';
import type { WalletAlert } from '../../../src/shared/api/alerts.js';
import type { WalletAlertTable } from '../../../src/server/db/schema.js';
import { toWalletAlert } from '../../../src/server/wire/alerts.js';
import { formatMoney } from '../../../src/shared/money.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { insertAutoTopUp, insertOwner } from '../../support/migration-owner.js';

/**
 * The console's own words for an alert, loaded by vitest at run time: the renderer compiles under
 * tsconfig.web.json (bundler resolution, the DOM), which this Node-side program cannot type, so the
 * few functions used here are typed by hand.
 */
const renderer = (path: string) => import(`../../../src/renderer/${path}`);
const { alertText } = (await renderer('alerts/alert-words')) as { alertText(alert: WalletAlert): string };
const { i18n } = (await renderer('i18n/index')) as { i18n: { changeLanguage(l: string): Promise<unknown> } };
const { formatAmount, formatDateTime } = (await renderer('lib/format')) as {
  formatAmount(amount: number, currency: string): string;
  formatDateTime(iso: string): string;
};

const NOW = '2030-01-01T00:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();
const DECLINED = 'The payment was declined.';
const OFF_AFTER_4 = `Auto top-up failed: ${DECLINED}. Switched off after 4 failed charges in a row (last: ${DECLINED}). Check the payment method, then switch auto top-up on again.`;

/** Failed auto top-ups' alerts as chargeFailed wrote them before 0476: English only. */
const OLD_ALERTS: Array<[id: string, currency: 'USD' | 'VND', message: string, createdAt: string]> = [
  ['alr_usd', 'USD', `Auto top-up of $50.00 failed: ${DECLINED}. Next try at ${at(15)}.`, NOW],
  [
    'alr_vnd_up_to',
    'VND',
    `Auto top-up of up to ${formatMoney(2_000_000, 'VND')} failed: the payment expired. Next try at ${at(60)}.`,
    NOW,
  ],
  [
    'alr_gateway_words',
    'USD',
    `Auto top-up of $50.00 failed: Your card has insufficient funds.. Next try at ${at(360)}.`,
    NOW,
  ],
  ['alr_off', 'USD', OFF_AFTER_4, NOW],
  // Switched off the day before; the auto top-up was switched on again since: its amount then is unknown.
  ['alr_off_earlier', 'USD', OFF_AFTER_4, at(-24 * 60)],
  // Not as the writer formatted it, or a next try no back-off gives: left as it was.
  ['alr_amount_unlike', 'USD', `Auto top-up of $50 failed: ${DECLINED}. Next try at ${at(15)}.`, NOW],
  ['alr_next_unlike', 'USD', `Auto top-up of $50.00 failed: ${DECLINED}. Next try at ${at(120)}.`, NOW],
];

/**
 * 0495 gives a failed auto top-up's alert written before 0476 the particulars its English says, so
 * the console words it in the reader's language; one whose English does not say them all keeps it.
 */
describe.each(DIALECTS)('migration 0495 on %s', (dialect) => {
  let db: TestDatabase;
  afterEach(async () => {
    await i18n.changeLanguage('en');
    await db?.drop();
  });

  it('old failed auto top-up alerts read in Vietnamese, from the facts their English says', async () => {
    db = await freshDatabase(dialect, { upTo: '0488-stripe-refund-refusal-codes' });
    const d = db.store.db;
    await insertOwner(d, NOW);
    // The wallet's auto top-up as the fourth failure left it (alr_off), untouched since.
    await insertAutoTopUp(d, NOW, {
      enabled: 0,
      consecutive_failures: 4,
      last_error: DECLINED,
      disabled_reason: OFF_AFTER_4.slice(`Auto top-up failed: ${DECLINED}. `.length),
    });
    const alert = (id: string, currency: string, message: string, createdAt: string) => ({
      id,
      reseller_id: 'rsl_m',
      customer_id: 'cus_m',
      wallet_id: 'wal_m',
      type: 'wallet.auto_top_up_failed' as const,
      reason: null,
      message,
      available_balance: 900,
      currency,
      threshold: null,
      runway_days: null,
      days_left: null,
      channels: '["desktop"]',
      auto_top_up: null,
      created_at: createdAt,
    });
    for (const [id, currency, message, createdAt] of OLD_ALERTS) {
      await d
        .insertInto('wallet_alerts')
        .values(alert(id, currency, message, createdAt) as WalletAlertTable)
        .execute();
    }
    const low = {
      ...alert('alr_low', 'USD', 'Acme · USD wallet: balance $9.00 is below $10.00', NOW),
      type: 'wallet.balance_low' as const,
      reason: 'threshold' as const,
      threshold: 1_000,
    };
    await d
      .insertInto('wallet_alerts')
      .values(low as WalletAlertTable)
      .execute();

    // The feed's entry for alr_usd as the server wrote it then: the alert as its route answered.
    const sent = toWalletAlert(
      await d.selectFrom('wallet_alerts').selectAll().where('id', '=', 'alr_usd').executeTakeFirstOrThrow(),
    );
    delete (sent as Partial<WalletAlert>).autoTopUp;
    await d
      .insertInto('changes')
      .values({
        seq: 1,
        reseller_id: 'rsl_m',
        customer_id: 'cus_m',
        entity: 'wallet_alert',
        entity_id: 'alr_usd',
        op: 'create',
        data: JSON.stringify(sent),
        created_at: NOW,
      })
      .execute();

    await migrateUpTo(db.store, '0495-auto-top-up-alert-facts-recoded');
    const read = async (id: string) =>
      toWalletAlert(
        await d.selectFrom('wallet_alerts').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
      );

    await i18n.changeLanguage('vi');
    const usd = formatAmount(5_000, 'USD');
    expect(alertText(await read('alr_usd'))).toBe(
      `Tự động nạp ${usd} thất bại: Thanh toán bị từ chối. Lần thử tiếp theo: ${formatDateTime(at(15))}.`,
    );
    // What a console syncs: the feed's entry, which now carries the same facts.
    const entry = await d
      .selectFrom('changes')
      .select('data')
      .where('entity_id', '=', 'alr_usd')
      .executeTakeFirstOrThrow();
    const synced = JSON.parse(entry.data) as WalletAlert;
    expect(synced).toEqual(await read('alr_usd'));
    expect(alertText(synced)).toBe(
      `Tự động nạp ${usd} thất bại: Thanh toán bị từ chối. Lần thử tiếp theo: ${formatDateTime(at(15))}.`,
    );
    expect(alertText(await read('alr_vnd_up_to'))).toBe(
      `Tự động nạp lên đến ${formatAmount(2_000_000, 'VND')} thất bại: Thanh toán đã hết hạn. Lần thử tiếp theo: ${formatDateTime(at(60))}.`,
    );
    expect(alertText(await read('alr_off'))).toBe(
      'Tự động nạp tiền thất bại: Thanh toán bị từ chối. Đã tắt sau 4 lần trừ tiền thất bại liên tiếp (lần cuối: Thanh toán bị từ chối). Hãy kiểm tra phương thức thanh toán, rồi bật lại tự động nạp tiền.',
    );

    // The facts as a newer server writes them, the English kept for API callers.
    expect(await read('alr_usd')).toMatchObject({
      message: OLD_ALERTS[0]![2],
      autoTopUp: {
        amount: 5_000,
        upTo: false,
        error: DECLINED,
        errorReason: { key: 'payment_failed', values: { code: 'declined' } },
        nextAttemptAt: at(15),
        failures: 1,
        switchedOff: false,
      },
    });
    expect((await read('alr_vnd_up_to')).autoTopUp).toMatchObject({
      amount: 2_000_000,
      upTo: true,
      failures: 2,
    });
    // A gateway's own words have no reason: the console quotes them, the rest in its language.
    expect((await read('alr_gateway_words')).autoTopUp).toEqual({
      amount: 5_000,
      upTo: false,
      error: 'Your card has insufficient funds.',
      nextAttemptAt: at(360),
      failures: 3,
      switchedOff: false,
    });
    expect((await read('alr_off')).autoTopUp).toMatchObject({
      amount: 5_000,
      upTo: false,
      nextAttemptAt: null,
      failures: 4,
      switchedOff: true,
    });
    for (const id of ['alr_off_earlier', 'alr_amount_unlike', 'alr_next_unlike', 'alr_low']) {
      expect((await read(id)).autoTopUp, id).toBeNull();
    }
    expect(alertText(await read('alr_off_earlier'))).toBe(OFF_AFTER_4);
  });
});

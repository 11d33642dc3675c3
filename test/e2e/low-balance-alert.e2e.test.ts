import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect } from 'vitest';
import { expectHidden, expectText, expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInWithFundedWallet } from './support/flows.js';
import { pressSandboxButton } from '../support/payments.js';
import type { BillingApi, ResellerAdmin } from './support/billing-api.js';
import { AlertsScreen } from './support/pages/alerts.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('low-balance alerts', () => {
  test('a threshold set on the wallet page; spending below it shows the banner, the notification, the header mark and the history', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    // The browser host raises a system notification through the Web Notification API once the user
    // allowed it: the page sees a Notification that is allowed and records what it is asked to show.
    await page.addInitScript(() => {
      const shown: Array<{ title: string; body: string | undefined }> = [];
      class RecordedNotification {
        static permission = 'granted';
        static requestPermission = () => Promise.resolve('granted');
        onclick: unknown = null;
        constructor(title: string, options?: { body?: string }) {
          shown.push({ title, body: options?.body });
        }
        close() {}
      }
      Object.assign(globalThis, { Notification: RecordedNotification, shownNotifications: shown });
    });
    const { admin, walletId } = await signInWithFundedWallet(api, host, page, 'Alert Proxies', {
      name: 'Ada',
      email: 'ada@example.com',
    });
    const alerts = new AlertsScreen(page);
    // Auto top-up charges a saved card: with none saved, it says how one is saved before any Save.
    const needsCard = page.getByTestId('auto-top-up-needs-card');
    await expectText(needsCard, 'No saved card yet');
    await expectVisible(needsCard.getByRole('link', { name: 'Top up this wallet' }));
    await alerts.setThreshold('40');
    await expectText(alerts.saved, 'Alert settings saved.');

    // The customer spends elsewhere (another client of the API): 20.00 of the 50.00.
    await api.request('POST', `/v1/wallets/${walletId}/debits`, {
      token: admin.apiKey,
      body: { amount: 2_000, description: 'Proxy usage' },
      idempotent: true,
    });

    await expectVisible(alerts.banners.first());
    await expectText(alerts.banners.first(), /Low balance.*Available balance \$30\.00 is below \$40\.00/);
    await expect
      .poll(
        () =>
          page.evaluate(
            () => (globalThis as unknown as { shownNotifications: unknown[] }).shownNotifications,
          ),
        {
          timeout: UI_TIMEOUT_MS,
          message: 'a system notification for the alert',
        },
      )
      .toEqual([{ title: 'Low balance', body: 'Available balance $30.00 is below $40.00' }]);
    // At 1280 px the header shows the count; the link's name says what it counts.
    await expectText(alerts.headerLowWallets, '⚠ 1');
    await expectVisible(page.getByRole('banner').getByRole('link', { name: '1 low wallet' }));
    await expectText(alerts.history, /Low balance/);
    await expectText(alerts.runway, /≈ \d+ days? left/);
    await screenshot('low-balance-banner');

    // Auto top-up set while the balance is already below its line: the form says, before Save,
    // that saving charges the card at once (it used to say only "Auto top-up saved." afterwards).
    const autoTopUp = page.getByRole('form', { name: 'Auto top-up' });
    await autoTopUp.getByRole('checkbox', { name: 'Top up automatically with a saved card' }).check();
    await autoTopUp.getByLabel('When available falls below (USD)').fill('40');
    await autoTopUp.getByLabel('Amount (USD)').fill('25');
    await expectText(
      autoTopUp.getByTestId('auto-top-up-charges-now'),
      'The available balance, $30.00, is already below this: saving tops the wallet up by $25.00 now',
    );
    await autoTopUp.getByLabel('When available falls below (USD)').fill('20');
    await expectHidden(autoTopUp.getByTestId('auto-top-up-charges-now'));
  });
  test('auto top-up whose card was removed: the form says why it is off, and saving it on again takes the card it shows', async ({
    api,
    host,
    page,
  }) => {
    const { admin, walletId } = await signInWithFundedWallet(
      api,
      host,
      page,
      'Card Swap Proxies',
      { name: 'Cy', email: 'cy@example.com' },
      { testMode: true },
    );
    const [first, second] = await saveCards(api, admin, walletId, 2);
    await api.request('PUT', `/v1/wallets/${walletId}/auto-top-up`, {
      token: admin.apiKey,
      body: { enabled: true, threshold: 1_000, amount: 2_000, paymentMethodId: first! },
    });
    await removeCard(api, admin, first!);
    // The open, untouched form follows the settings as they sync.
    const autoTopUp = page.getByRole('main').getByRole('form', { name: 'Auto top-up' });
    await expectText(autoTopUp.getByRole('alert'), /card it charged was removed/);
    const enabled = autoTopUp.getByRole('checkbox', { name: 'Top up automatically with a saved card' });
    await expect.poll(() => enabled.isChecked(), { timeout: UI_TIMEOUT_MS }).toBe(false);
    await enabled.check();
    // An amount above the reseller's top-up limit ($15,000.00 by default) is refused at save, beside
    // its field and with the limits in the wallet's currency, and nothing is saved.
    const amount = autoTopUp.getByLabel('Amount (USD)');
    await amount.fill('20000');
    await autoTopUp.getByRole('button', { name: 'Save auto top-up' }).click();
    await expectText(autoTopUp, 'A top-up must be between $0.50 and $15,000.00.');
    expect(
      await api.request<{ enabled: boolean }>('GET', `/v1/wallets/${walletId}/auto-top-up`, {
        token: admin.apiKey,
      }),
    ).toMatchObject({ enabled: false, amount: 2_000 });
    await amount.fill('20');
    await autoTopUp.getByRole('button', { name: 'Save auto top-up' }).click();
    await expectText(autoTopUp.getByRole('status'), 'Auto top-up saved.');
    const saved = await api.request<{ enabled: boolean; paymentMethodId: string }>(
      'GET',
      `/v1/wallets/${walletId}/auto-top-up`,
      { token: admin.apiKey },
    );
    expect(saved).toMatchObject({ enabled: true, paymentMethodId: second });
  });
  test('auto top-up switched off by the server while its form is open: the form unticks "Top up automatically"', async ({
    api,
    host,
    page,
  }) => {
    const { admin, walletId } = await signInWithFundedWallet(
      api,
      host,
      page,
      'Live Switch Proxies',
      { name: 'Di', email: 'di@example.com' },
      { testMode: true },
    );
    const [card] = await saveCards(api, admin, walletId, 1);
    await api.request('PUT', `/v1/wallets/${walletId}/auto-top-up`, {
      token: admin.apiKey,
      body: { enabled: true, threshold: 1_000, amount: 2_000, paymentMethodId: card },
    });
    const autoTopUp = page.getByRole('main').getByRole('form', { name: 'Auto top-up' });
    const enabled = autoTopUp.getByRole('checkbox', { name: 'Top up automatically with a saved card' });
    await expect
      .poll(() => enabled.isChecked(), { timeout: UI_TIMEOUT_MS, message: 'the form showing auto top-up on' })
      .toBe(true);

    // Elsewhere, the card is removed: the server switches auto top-up off, and the open form says so.
    await removeCard(api, admin, card!);
    await expectText(autoTopUp.getByRole('alert'), /card it charged was removed/);
    expect(await enabled.isChecked()).toBe(false);
  });

  test('settings saved elsewhere while the wallet page is open: the untouched forms fill in, a field the user changed keeps what they typed', async ({
    api,
    host,
    page,
  }) => {
    const { admin, walletId } = await signInWithFundedWallet(
      api,
      host,
      page,
      'Late Settings Proxies',
      { name: 'Flo', email: 'flo@example.com' },
      { testMode: true },
    );
    const [card] = await saveCards(api, admin, walletId, 1);
    const main = page.getByRole('main');
    const autoTopUp = main.getByRole('form', { name: 'Auto top-up' });
    const alertSettings = main.getByRole('form', { name: 'Alert settings' });
    const autoThreshold = autoTopUp.getByLabel('When available falls below (USD)');
    const runway = alertSettings.getByLabel('Alert when the runway is under (days)');
    // Open with nothing saved yet; the user types a runway but does not save.
    expect(await autoThreshold.inputValue()).toBe('');
    await runway.fill('9');

    // Saved elsewhere (another admin, the API): the console syncs them in while the page stays open.
    // Both reach the page in one view of the wallet: the alert settings, saved first, are there by
    // the time the auto top-up is.
    await api.request('PUT', `/v1/wallets/${walletId}/alert-settings`, {
      token: admin.apiKey,
      body: { threshold: 1_500, runwayDays: 3, channels: ['desktop'] },
    });
    await api.request('PUT', `/v1/wallets/${walletId}/auto-top-up`, {
      token: admin.apiKey,
      body: { enabled: true, threshold: 1_000, amount: 2_000, paymentMethodId: card },
    });
    await expect
      .poll(() => autoThreshold.inputValue(), {
        timeout: UI_TIMEOUT_MS,
        message: 'the synced threshold shown',
      })
      .toBe('10');
    expect(await autoTopUp.getByLabel('Amount (USD)').inputValue()).toBe('20');
    expect(
      await autoTopUp.getByRole('checkbox', { name: 'Top up automatically with a saved card' }).isChecked(),
    ).toBe(true);
    // The alert form was changed by the user: what they typed stays, nothing of it is overwritten.
    expect(await runway.inputValue()).toBe('9');
    expect(await alertSettings.getByLabel('Alert below (USD)').inputValue()).toBe('');
  });

  test('auto top-up whose charge waits on its provider: the form says so, how often it asked, and when it asks next, in English and Vietnamese', async ({
    api,
    host,
    page,
    workdir,
  }) => {
    const { admin, walletId, shell } = await signInWithFundedWallet(
      api,
      host,
      page,
      'Waiting Card Proxies',
      { name: 'Ed', email: 'ed@example.com' },
      { testMode: true },
    );
    const [card] = await saveCards(api, admin, walletId, 1);
    await api.request('PUT', `/v1/wallets/${walletId}/auto-top-up`, {
      token: admin.apiKey,
      body: { enabled: true, threshold: 1_000, amount: 2_000, paymentMethodId: card },
    });
    // Nothing tried yet: the panel's list of attempts says so (it reads them from the API), and that
    // a try refused before any charge will be listed too.
    const charges = page.getByRole('main').getByRole('region', { name: 'Recent auto top-up attempts' });
    await expect
      .poll(
        async () => {
          await shell.go('Dashboard');
          await shell.go('Wallet');
          return charges.textContent();
        },
        { timeout: UI_TIMEOUT_MS, message: 'the auto top-up synced, with no attempts' },
      )
      .toMatch(/No auto top-up attempts yet.*even when it was refused before anything was charged/);
    // Its charge is out, and its provider could not be asked about it five times since 10:02 (as the
    // auto top-up job records it when the provider is unreachable: services/auto-top-up/charge.ts),
    // recorded in the feed the console syncs. An open payment stands for the charge: the job leaves
    // a charge whose payment is open as it is.
    const charge = await api.request<{ id: string }>('POST', `/v1/wallets/${walletId}/top-ups`, {
      token: admin.apiKey,
      body: { amount: 2_000, provider: 'sandbox' },
      idempotent: true,
    });
    const since = '2026-12-03T10:02:00.000Z';
    const refusedAt = '2026-12-02T09:47:00.000Z';
    const retryAt = '2099-12-03T11:02:00.000Z';
    const billing = new Database(join(workdir, 'billing.sqlite'), { timeout: UI_TIMEOUT_MS });
    try {
      const now = new Date().toISOString();
      billing
        .prepare(
          `update wallet_auto_top_ups set state = 'pending', payment_id = ?, unconfirmed_asks = 5,
             unconfirmed_provider = 'stripe', unconfirmed_code = 'gateway_unavailable',
             unconfirmed_since = ?, unconfirmed_retry_at = ?, updated_at = ? where wallet_id = ?`,
        )
        .run(charge.id, since, retryAt, now, walletId);
      // The job's record of the charge (claimCharge), which the panel's list of charges shows.
      billing
        .prepare(
          `insert into auto_top_up_attempts (id, reseller_id, wallet_id, payment_id, amount, status,
             error, created_at, updated_at) values ('atu_e2e_waiting', ?, ?, ?, 2000, 'pending', null, ?, ?)`,
        )
        .run(admin.resellerId, walletId, charge.id, since, since);
      // An earlier try refused before any payment existed (over the reseller's top-up limits), as
      // the job records it (chargeFailed): failed, no payment, the amount it would have charged.
      billing
        .prepare(
          `insert into auto_top_up_attempts (id, reseller_id, wallet_id, payment_id, amount, status,
             error, error_reason, created_at, updated_at)
             values ('atu_e2e_refused', ?, ?, null, 2000, 'failed', ?, ?, ?, ?)`,
        )
        .run(
          admin.resellerId,
          walletId,
          'a top-up must be between $1.00 and $10.00',
          JSON.stringify({ key: 'top_up_limit', values: { min: 100, max: 1_000, currency: 'USD' } }),
          refusedAt,
          refusedAt,
        );
      const data = await api.request<{ customerId: string }>('GET', `/v1/wallets/${walletId}/auto-top-up`, {
        token: admin.apiKey,
      });
      expect(data).toMatchObject({ state: 'pending', chargeUnconfirmed: { asks: 5, provider: 'stripe' } });
      billing
        .prepare(
          `insert into changes (seq, reseller_id, customer_id, entity, entity_id, op, data, created_at)
             values (null, ?, ?, 'wallet_auto_top_up', ?, 'update', ?, ?)`,
        )
        .run(admin.resellerId, data.customerId, walletId, JSON.stringify(data), now);
    } finally {
      billing.close();
    }

    const autoTopUp = page.getByRole('main').getByRole('form', { name: 'Auto top-up' });
    await expect
      .poll(
        async () => {
          await shell.go('Dashboard');
          await shell.go('Wallet');
          return (await autoTopUp.getByRole('status').allTextContents()).join(' ');
        },
        { timeout: UI_TIMEOUT_MS, message: 'the wait on Stripe synced' },
      )
      .toMatch(
        /^Waiting for Stripe to confirm the last charge: asked 5 times since [^;]*2026[^;]*; asking again at [^;]*2099[^;]*\.$/,
      );
    // The charge, its amount and that it waits on Stripe, since when: re-read once the feed said so.
    const row = charges.getByRole('row').filter({ hasText: '$20.00' });
    await expectText(
      row.first(),
      /Dec 3, 2026.*\$20\.00.*Waiting for Stripe to confirm it, since Dec 3, 2026/,
    );
    // The refused try, below it: the card was not charged, and why.
    await expectText(
      charges.getByRole('row').nth(2),
      /Dec 2, 2026.*\$20\.00.*Not charged — A top-up must be between \$1\.00 and \$10\.00$/,
    );
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await expectText(
      page.getByRole('main').getByRole('form', { name: 'Tự động nạp tiền' }).getByRole('status'),
      /^Đang chờ Stripe xác nhận lần trừ tiền gần nhất: đã hỏi 5 lần từ /,
    );
    await expectText(
      page
        .getByRole('main')
        .getByRole('region', { name: 'Các lần thử tự động nạp tiền gần đây' })
        .getByRole('row')
        .nth(1),
      /20,00\s*US\$.*Đang chờ Stripe xác nhận, từ /,
    );
    await expectText(
      page
        .getByRole('main')
        .getByRole('region', { name: 'Các lần thử tự động nạp tiền gần đây' })
        .getByRole('row')
        .nth(2),
      /20,00\s*US\$.*Không trừ tiền — Số tiền nạp phải từ 1,00\s*US\$ đến 10,00\s*US\$$/,
    );
  });
});

/** Cards saved the way a payer saves one: top-ups paid on the sandbox page, "save" ticked; confirmed. */
async function saveCards(api: BillingApi, admin: ResellerAdmin, walletId: string, count: number) {
  const customerId = (await api.customers(admin))[0]!.id;
  const payer = await api.request<{ id: string }>('POST', `/v1/customers/${customerId}/payers`, {
    token: admin.apiKey,
    body: { name: 'Payer' },
  });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const topUp = await api.request<{ checkout: { url: string }; savesMethodId: string }>(
      'POST',
      `/v1/wallets/${walletId}/top-ups`,
      {
        token: admin.apiKey,
        body: { amount: 1_000, provider: 'sandbox', payerId: payer.id, saveMethod: true },
        idempotent: true,
      },
    );
    await pressSandboxButton(topUp.checkout.url, 'pay');
    ids.push(topUp.savesMethodId);
  }
  const confirmed = async () =>
    (
      await api.request<{ items: Array<{ id: string; status: string }> }>(
        'GET',
        `/v1/customers/${customerId}/payment-methods`,
        { token: admin.apiKey },
      )
    ).items
      .filter((m) => m.status === 'confirmed')
      .map((m) => m.id)
      .sort();
  await expect
    .poll(confirmed, { timeout: UI_TIMEOUT_MS, message: 'the saved cards confirmed' })
    .toEqual([...ids].sort());
  return ids;
}

const removeCard = async (api: BillingApi, admin: ResellerAdmin, id: string) => {
  const removed = await fetch(`${api.url}/v1/payment-methods/${id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${admin.apiKey}` },
  });
  expect(removed.status).toBe(204);
};

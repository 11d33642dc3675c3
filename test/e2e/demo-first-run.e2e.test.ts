import { describe, expect } from 'vitest';
import { expectCount, expectText, expectVisible, textOf } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { ConnectionScreen } from './support/pages/connection.js';
import { DashboardScreen } from './support/pages/dashboard.js';
import { Shell } from './support/pages/shell.js';
import { PaymentsScreen } from './support/pages/top-up.js';
import { WalletScreen } from './support/pages/wallet.js';

/** "$1,234.56", "€12.00", "₫1,250,000": an amount as en-US formats it, no sign. */
const AMOUNT = /^[$€₫][\d,]+(\.\d{2})?$/;

describe('first run on the embedded demo', () => {
  // A fresh data folder: the demo is seeded and synced under this test, not copied in.
  test.override({ firstRun: true });

  test('opens signed in to the local demo server with a balance, wallets, a chart and a history', async ({
    host,
    page,
    screenshot,
  }) => {
    const shell = new Shell(page);
    const dashboard = new DashboardScreen(page);
    await shell.open(host);

    // The UI says where its data comes from, and as whom.
    await expectVisible(shell.demoBadge);
    await expectVisible(shell.reseller('Demo Reseller'));
    await expectVisible(shell.account('admin@demo.reseller.local'));

    // The dashboard: wallet cards with balances, and the balance chart described in words.
    await expectVisible(dashboard.heading);
    await expectVisible(dashboard.walletCards);
    expect(await dashboard.walletCards.count()).toBeGreaterThan(1);
    await expectText(dashboard.walletCards.first(), /Balance\s*[$€₫][\d,]+/);
    await expectVisible(dashboard.chart);
    expect(await dashboard.chart.getAttribute('aria-label')).toMatch(
      /over the last 30 days: .*Highest .*lowest/,
    );
    await expectText(dashboard.activity, /Credit|Top Up|Payment|Refund|Adjustment/);

    // The demo signs in as the reseller's admin, who owns no wallet: no balance in the header here.
    await expectCount(shell.balance, 0);
    await screenshot('dashboard');
    await screenshot('dashboard-chart', dashboard.trend);

    // A wallet card opens that wallet; the header then names it ("Customer · USD") with its balance.
    await dashboard.walletCards.first().click();
    const wallet = new WalletScreen(page);
    await expectText(shell.balance, /· [A-Z]{3}\s*[$€₫][\d,]+/);
    const headerAmount = (await textOf(shell.balance)).replace(/^.*· [A-Z]{3}\s*/, '');
    expect(headerAmount).toMatch(AMOUNT);
    await expectVisible(wallet.history);
    await expectText(wallet.balance('Balance'), headerAmount);
    await expectVisible(wallet.historyRows);
    expect(await wallet.historyRows.count()).toBeGreaterThan(1);
    await expectText(
      wallet.historyRows.first(),
      /(Credit|Top Up|Payment|Refund|Adjustment).*[+−-]?[$€₫][\d,]+.*Completed/,
    );
    await screenshot('wallet');

    // Payments: the demo's test top-ups through the sandbox gateway, paid, declined and processing.
    await shell.navLink('Payments').click();
    const payments = new PaymentsScreen(page);
    await expectVisible(payments.heading);
    await expectCount(payments.rows, 4);
    await expectCount(payments.rows.filter({ hasText: /Paid/ }), 2);
    await expectText(payments.rows.filter({ hasText: /Failed/ }), /USD wallet.*\$100\.00/);
    await expectText(payments.rows.filter({ hasText: /Processing/ }), /VND wallet.*₫500,000/);
    await screenshot('payments');

    // The Connection screen says the same: the demo server built into the app.
    await shell.go('Connection');
    const connection = new ConnectionScreen(page);
    await expectText(connection.current, 'Local demo server');
    await expectText(connection.current, 'Demo Reseller');
    await expectCount(connection.current.getByText('admin@demo.reseller.local'), 1);
    // And where another console connects to try it in another role: the demo API itself answers there.
    const demoUrl = (await connection.current.getByTestId('demo-api-url').textContent()) ?? '';
    expect(demoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${demoUrl}/healthz`)).status).toBe(200);
    await screenshot('connection');
  });
});

import { describe } from 'vitest';
import { expectText, expectVisible } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { signInWithFundedWallet } from './support/flows.js';
import { AlertsScreen } from './support/pages/alerts.js';

describe('low-balance alerts', () => {
  test('a threshold set on the wallet page; spending below it shows the banner, the header mark and the history', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const { admin, walletId } = await signInWithFundedWallet(api, host, page, 'Alert Proxies', {
      name: 'Ada',
      email: 'ada@example.com',
    });
    const alerts = new AlertsScreen(page);
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
    await expectText(alerts.headerLowWallets, '1 low wallet');
    await expectText(alerts.history, /Low balance/);
    await expectText(alerts.runway, /≈ \d+ days? left/);
    await screenshot('low-balance-banner');
  });
});

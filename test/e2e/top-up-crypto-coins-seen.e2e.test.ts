import { join } from 'node:path';
import { describe } from 'vitest';
import {
  PUBLISHED_ACCOUNT_KEYS,
  sendCoins,
  startSimulatedChainServer,
} from '../support/emulators/crypto-chain.js';
import { BillingApi } from './support/billing-api.js';
import { expectHidden, expectText, expectVisible } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { openTopUp, signInAsAdmin } from './support/flows.js';
import { CryptoCheckout } from './support/pages/crypto-checkout.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.
test.override({ signedOut: true });

describe('a crypto top-up whose coins the chain has seen', () => {
  test('no longer offers "Cancel payment", which the server would refuse with the coins on their way', async ({
    workdir,
    host,
    page,
    screenshot,
  }) => {
    const chain = await startSimulatedChainServer();
    const api = new BillingApi({
      cwd: workdir,
      dbFile: join(workdir, 'billing.sqlite'),
      env: { GATEWAY_CRYPTO_API_BASE_URL: chain.url, PAYMENT_POLL_MS: '60000' },
    });
    api.launch();
    try {
      await api.ready();
      const admin = await api.createReseller('Harbor Proxies');
      await api.offerMethod(
        admin,
        'crypto',
        { xpubs: PUBLISHED_ACCOUNT_KEYS, rates: { USD: { USDT: '1' } }, requiredConfirmations: { USDT: 3 } },
        { enabled: true, label: 'Crypto', feeBasisPoints: 0, processingTime: '10-30 minutes' },
      );
      const customerId = await api.createCustomer(admin, { name: 'Mai Tran', email: 'mai@example.com' });
      await api.createWallet(admin, customerId, 'USD');

      const shell = await signInAsAdmin(page, host, api, admin);
      const topUp = await openTopUp(page, shell);
      const crypto = new CryptoCheckout(page);
      await topUp.preset('$100.00').click();
      await topUp.method(/Crypto/).check();
      await crypto.coinAndNetwork.selectOption({ label: 'USDT on Tron (TRC-20)' });
      await topUp.submit.click();

      await expectVisible(crypto.qrCode);
      const status = page.getByRole('main').getByTestId('top-up-status');
      const cancel = status.getByRole('button', { name: 'Cancel payment' });
      // Nothing sent yet: the payer may still back out.
      await expectVisible(cancel);
      const address = /to (T\w+)$/.exec((await crypto.qrCode.getAttribute('alt')) ?? '')![1]!;

      // The payer sends the coins; the chain sees them, not yet confirmed.
      await sendCoins(chain.url, address, '100');
      await expectText(crypto.progress, 'Payment seen: waiting for confirmations');
      await expectHidden(cancel);
      await expectText(shell.balance, '$0.00');
      await screenshot('crypto-coins-seen');
    } catch (error) {
      console.error(`--- billing API output ---\n${api.output()}`);
      throw error;
    } finally {
      await api.stop();
      await chain.close();
    }
  });
});

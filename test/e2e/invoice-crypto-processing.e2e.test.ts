import { join } from 'node:path';
import { describe } from 'vitest';
import {
  PUBLISHED_ACCOUNT_KEYS,
  mineBlocks,
  sendCoins,
  startSimulatedChainServer,
} from '../support/emulators/crypto-chain.js';
import { BillingApi } from './support/billing-api.js';
import { expectHidden, expectText, expectVisible } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { signInToHostedApi } from './support/flows.js';
import { CryptoCheckout } from './support/pages/crypto-checkout.js';
import { InvoicesScreen } from './support/pages/invoices.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.
test.override({ signedOut: true });

describe('an invoice whose crypto payment awaits its confirmations', () => {
  test('offers no second way to pay it while Processing, so it is not paid twice', async ({
    workdir,
    host,
    page,
  }) => {
    const chain = await startSimulatedChainServer();
    const api = new BillingApi({
      cwd: workdir,
      dbFile: join(workdir, 'billing.sqlite'),
      env: { GATEWAY_CRYPTO_API_BASE_URL: chain.url, PAYMENT_POLL_MS: '60000' },
    });
    api.launch();
    try {
      const admin = await api.createReseller('Twice Proxies');
      await api.offerMethod(
        admin,
        'crypto',
        { xpubs: PUBLISHED_ACCOUNT_KEYS, rates: { USD: { USDT: '1' } }, requiredConfirmations: { USDT: 3 } },
        { enabled: true, label: 'Crypto', feeBasisPoints: 0, processingTime: '10-30 minutes' },
      );
      const customerId = await api.createCustomer(admin, { name: 'Thu Dang', email: 'thu@example.com' });
      // The wallet could pay the invoice too: it holds more than is due.
      const walletId = await api.createWallet(admin, customerId, 'USD');
      await api.credit(admin, walletId, 10_000, 'Opening balance');
      const draft = await api.request<{ id: string }>('POST', `/v1/customers/${customerId}/invoices`, {
        token: admin.apiKey,
        body: { currency: 'USD', lines: [{ description: 'Proxy plan', quantity: 1, unitAmount: 2_500 }] },
      });
      const open = await api.request<{ number: string }>('POST', `/v1/invoices/${draft.id}/finalize`, {
        token: admin.apiKey,
        idempotent: true,
        expect: 200,
      });
      const login = { email: 'thu.login@example.com', password: 'correct horse battery staple' };
      await api.request('POST', '/v1/users', {
        token: admin.apiKey,
        body: { ...login, role: 'customer', customerId },
      });
      const shell = await signInToHostedApi(page, host, { url: api.url, ...login });
      await expectText(shell.syncStatus, 'Online');
      await shell.navLink('My Invoices').click();
      const invoices = new InvoicesScreen(page);
      await invoices.table.getByRole('link', { name: open.number }).click();
      await page.getByLabel('Payment method').selectOption({ label: 'Crypto' });
      await page.getByLabel('Coin').selectOption({ label: 'USDT on Tron (TRC-20)' });
      await page.getByRole('button', { name: 'Pay by this method' }).click();

      const crypto = new CryptoCheckout(page);
      await expectVisible(crypto.qrCode);
      const address = /to (T\w+)$/.exec((await crypto.qrCode.getAttribute('alt')) ?? '')![1]!;
      // Nothing sent yet: the customer may still choose another coin, or the wallet.
      await expectVisible(invoices.payFromWallet);

      await sendCoins(chain.url, address, '25');
      await mineBlocks(chain.url, 1);
      await expectText(invoices.status, 'Processing');
      await expectHidden(invoices.payFromWallet);
      await expectHidden(page.getByRole('button', { name: 'Pay by this method' }));

      await mineBlocks(chain.url, 2);
      await expectText(invoices.status, 'Paid');
      await expectText(invoices.amountDue, '$0.00');
    } catch (error) {
      console.error(`--- billing API output ---\n${api.output()}`);
      throw error;
    } finally {
      await api.stop();
      await chain.close();
    }
  });
});

import { join } from 'node:path';
import { describe, expect } from 'vitest';
import {
  PUBLISHED_ACCOUNT_KEYS,
  startSimulatedChainServer,
  type SimulatedChainServer,
} from '../support/emulators/crypto-chain.js';
import { BillingApi } from './support/billing-api.js';
import { expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { openTopUp, signInAsAdmin } from './support/flows.js';
import { CryptoCheckout } from './support/pages/crypto-checkout.js';
import { InvoicesScreen } from './support/pages/invoices.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('the coins a crypto payer is offered', () => {
  test('a reseller with only a Bitcoin key and a USD rate for BTC: Top Up and an invoice offer Bitcoin only', async ({
    workdir,
    host,
    page,
    screenshot,
  }) => {
    const chain: SimulatedChainServer = await startSimulatedChainServer();
    const api = new BillingApi({
      cwd: workdir,
      dbFile: join(workdir, 'billing.sqlite'),
      env: { GATEWAY_CRYPTO_API_BASE_URL: chain.url, PAYMENT_POLL_MS: '60000' },
    });
    api.launch();
    try {
      await api.ready();
      const admin = await api.createReseller('Bitcoin Only Hosting');
      await api.offerMethod(
        admin,
        'crypto',
        // A USDT rate with no Tron or Ethereum key: USDT cannot be paid, so it must not be offered.
        { xpubs: { bitcoin: PUBLISHED_ACCOUNT_KEYS.bitcoin }, rates: { USD: { BTC: '50000', USDT: '1' } } },
        { enabled: true, label: 'Crypto', feeBasisPoints: 100, processingTime: '10-30 minutes' },
      );
      const customerId = await api.createCustomer(admin, { name: 'Hal Finney', email: 'hal@example.com' });
      await api.createWallet(admin, customerId, 'USD');
      const draft = await api.request<{ id: string }>('POST', `/v1/customers/${customerId}/invoices`, {
        token: admin.apiKey,
        body: { currency: 'USD', lines: [{ description: 'Node hosting', quantity: 1, unitAmount: 2_500 }] },
      });
      const invoice = await api.request<{ number: string }>('POST', `/v1/invoices/${draft.id}/finalize`, {
        token: admin.apiKey,
        idempotent: true,
        expect: 200,
      });

      const shell = await signInAsAdmin(page, host, api, admin);
      await expectText(shell.syncStatus, 'Online');
      const topUp = await openTopUp(page, shell);
      const crypto = new CryptoCheckout(page);
      await topUp.preset('$100.00').click();
      await topUp.method(/Crypto/).check();
      // Bitcoin is the only coin, and so the one chosen: no USDT to pick and be refused on Pay.
      await expect
        .poll(() => crypto.coinAndNetwork.locator('option').allTextContents())
        .toEqual(['Bitcoin (BTC)']);
      await expectText(topUp.total, 'Total to pay $101.00');
      await screenshot('bitcoin-only-form');
      await topUp.submit.click();
      await expectVisible(crypto.qrCode);
      // $101.00 at $50,000 per BTC.
      await expectText(crypto.amount, '0.00202000 BTC');

      // Paying an invoice offers the same coins.
      await shell.navLink('Invoices').click();
      const invoices = new InvoicesScreen(page);
      await invoices.table.getByRole('link', { name: invoice.number }).click();
      await expectText(invoices.status, 'Unpaid');
      const pay = page.getByRole('region', { name: 'Pay', exact: true });
      await pay.getByLabel('Payment method').selectOption({ label: 'Crypto' });
      await expect
        .poll(() => pay.getByLabel('Coin').locator('option').allTextContents())
        .toEqual(['Bitcoin (BTC)']);
      await screenshot('bitcoin-only-invoice', pay);
    } catch (error) {
      console.error(`--- billing API output ---\n${api.output()}`);
      throw error;
    } finally {
      await api.stop();
      await chain.close();
    }
  });
});

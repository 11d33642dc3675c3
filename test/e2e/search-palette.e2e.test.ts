import { join } from 'node:path';
import { describe, expect } from 'vitest';
import {
  PUBLISHED_ACCOUNT_KEYS,
  sendCoins,
  startSimulatedChainServer,
} from '../support/emulators/crypto-chain.js';
import { BillingApi } from './support/billing-api.js';
import { expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsAdmin } from './support/flows.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('the search box', () => {
  test('Ctrl+K finds a crypto payment by a piece of its address or of its transaction hash, and a customer by a name typed without accents', async ({
    workdir,
    host,
    page,
    screenshot,
  }) => {
    const chain = await startSimulatedChainServer();
    const api = new BillingApi({
      cwd: workdir,
      dbFile: join(workdir, 'billing.sqlite'),
      env: { GATEWAY_CRYPTO_API_BASE_URL: chain.url },
    });
    api.launch();
    try {
      await api.ready();
      const admin = await api.createReseller('Ledger Hosting');
      await api.offerMethod(
        admin,
        'crypto',
        { xpubs: PUBLISHED_ACCOUNT_KEYS, rates: { USD: { USDT: '1' } } },
        { enabled: true, label: 'Crypto (USDT)', feeBasisPoints: 0, processingTime: '10-30 minutes' },
      );
      const customerId = await api.createCustomer(admin, {
        name: 'Nguyễn Văn Đức',
        email: 'duc@example.com',
      });
      const walletId = await api.createWallet(admin, customerId, 'USD');
      const payment = await api.request<{ id: string; checkout: { address: string } }>(
        'POST',
        `/v1/wallets/${walletId}/top-ups`,
        {
          token: admin.apiKey,
          body: { amount: 2_500, provider: 'crypto', asset: { asset: 'USDT', network: 'tron' } },
          idempotent: true,
        },
      );
      const address = payment.checkout.address;
      const piece = address.slice(9, 17);

      await signInAsAdmin(page, host, api, admin);

      // The keyboard shortcut opens the search box with the cursor in it.
      await page.keyboard.press('Control+K');
      const dialog = page.getByRole('dialog', { name: 'Search' });
      const box = dialog.getByRole('combobox', { name: 'Search customers, payments and ledger rows' });
      await expect.poll(() => box.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);

      // A name typed without its accents (and đ as d) finds the customer.
      await box.fill('nguyen duc');
      const customers = dialog.getByRole('group', { name: 'Customers' });
      await expectText(customers.getByRole('option').first(), 'Nguyễn Văn Đức');

      // A piece from the middle of the address finds the payment; Enter opens it.
      await box.fill(piece);
      const payments = dialog.getByRole('group', { name: 'Payments' });
      const hit = payments.getByRole('option').first();
      await expectText(hit, 'Nguyễn Văn Đức');
      await expectText(hit, '$25.00');
      await expect.poll(() => hit.getAttribute('aria-selected')).toBe('true');
      await screenshot('search-payment', dialog);
      await page.keyboard.press('Enter');

      await expectVisible(page.getByRole('heading', { level: 1, name: 'Payment' }));
      await expectText(page.getByRole('main'), payment.id);
      await expectText(page.getByRole('main'), address);
      expect(await dialog.isVisible()).toBe(false);

      // The payer sends the coins; once the chain shows the transaction, the payment page names its
      // hash, and a piece from the middle of the hash finds the payment.
      const txid = await sendCoins(chain.url, address, '25');
      await expectText(page.getByRole('main'), txid);
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Dashboard', exact: true })
        .click();
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Dashboard' }));
      await page.keyboard.press('Control+K');
      await box.fill(txid.slice(20, 32));
      await expectText(payments.getByRole('option').first(), 'Nguyễn Văn Đức');
      await page.keyboard.press('Enter');
      await expectText(page.getByRole('main'), payment.id);
    } finally {
      await api.stop();
      await chain.close();
    }
  });
});

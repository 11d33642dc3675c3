import { describe } from 'vitest';
import { mineBlocks, sendCoins } from '../support/emulators/crypto-chain.js';
import { launchChainApi, offerCrypto } from './support/chain-api.js';
import { expectHidden, expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsCustomerToInvoice } from './support/flows.js';
import { CryptoCheckout } from './support/pages/crypto-checkout.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('an invoice whose crypto payment awaits its confirmations', () => {
  test('offers no second way to pay it while Processing, so it is not paid twice', async ({
    workdir,
    host,
    page,
  }) => {
    const { chain, api, close } = await launchChainApi(workdir);
    try {
      const admin = await api.createReseller('Twice Proxies');
      await offerCrypto(api, admin, { USDT: '1' });
      const customerId = await api.createCustomer(admin, { name: 'Thu Dang', email: 'thu@example.com' });
      // The wallet could pay the invoice too: it holds more than is due.
      const walletId = await api.createWallet(admin, customerId, 'USD');
      await api.credit(admin, walletId, 10_000, 'Opening balance');
      const open = await api.openInvoice(admin, customerId, {
        currency: 'USD',
        description: 'Proxy plan',
        unitAmount: 2_500,
      });
      const customer = { admin, customerId, email: 'thu.login@example.com' };
      const { invoices } = await signInAsCustomerToInvoice(api, host, page, customer, open.number);
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
      await close();
    }
  });
});

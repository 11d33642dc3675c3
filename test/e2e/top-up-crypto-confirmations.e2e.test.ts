/**
 * A crypto payer whose coins are on the chain but not yet confirmed enough reads how far along they
 * are ("1 of 2 confirmations"), in English and in Vietnamese, as the chain moves on; and "Verify my
 * payment" answers how many more are needed in the console's language.
 */
import { describe } from 'vitest';
import { mineBlocks, sendCoins } from '../support/emulators/crypto-chain.js';
import { launchChainApi, offerCrypto } from './support/chain-api.js';
import { expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { openTopUp, signInAsAdmin } from './support/flows.js';
import { CryptoCheckout } from './support/pages/crypto-checkout.js';
import { PaymentsScreen } from './support/pages/top-up.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('a crypto payment awaiting its confirmations', () => {
  test('shows how many confirmations the coins have of those required', async ({
    workdir,
    host,
    page,
    screenshot,
  }) => {
    const { chain, api, close } = await launchChainApi(workdir);
    try {
      await api.ready();
      const admin = await api.createReseller('Block Proxies');
      await offerCrypto(api, admin, { USDT: '1' }, 2);
      const customerId = await api.createCustomer(admin, { name: 'Pham Minh', email: 'minh@example.com' });
      await api.createWallet(admin, customerId, 'USD');

      const shell = await signInAsAdmin(page, host, api, admin);
      await shell.go('Wallet');
      const topUp = await openTopUp(page, shell);
      const crypto = new CryptoCheckout(page);
      await topUp.preset('$100.00').click();
      await topUp.method(/Crypto/).check();
      await crypto.coinAndNetwork.selectOption({ label: 'USDT on Tron (TRC-20)' });
      await topUp.submit.click();
      await expectVisible(crypto.qrCode);
      const address = /to (T\w+)$/.exec((await crypto.qrCode.getAttribute('alt')) ?? '')![1]!;
      const confirmations = page.getByTestId('crypto-confirmations');
      await expectText(confirmations, '2 required');

      await sendCoins(chain.url, address, '100');
      await mineBlocks(chain.url, 1);
      await expectText(crypto.progress, 'Payment seen: 1 of 2 confirmations…');
      await expectText(confirmations, '1 of 2');
      await expectText(shell.balance, '$0.00');
      await screenshot('crypto-one-of-two');

      await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
      await expectText(crypto.progress, 'Đã thấy khoản thanh toán: đã có 1/2 xác nhận…');
      await expectText(confirmations, '1/2');
      await page.getByRole('combobox', { name: 'Ngôn ngữ (Language)' }).selectOption('en');

      await mineBlocks(chain.url, 1);
      await expectText(topUp.status, 'Top-up of $100.00 paid.');
      await expectText(shell.balance, '$100.00');
    } catch (error) {
      console.error(`--- billing API output ---\n${api.output()}`);
      throw error;
    } finally {
      await close();
    }
  });

  test('Verify my payment says how many more confirmations are needed, in Vietnamese', async ({
    workdir,
    host,
    page,
    screenshot,
  }) => {
    const { chain, api, close } = await launchChainApi(workdir);
    try {
      await api.ready();
      const admin = await api.createReseller('Verified Proxies');
      await offerCrypto(api, admin, { USDT: '1' }, 3);
      const customerId = await api.createCustomer(admin, { name: 'Tran Thu', email: 'thu@example.com' });
      await api.createWallet(admin, customerId, 'USD');

      const shell = await signInAsAdmin(page, host, api, admin);
      await shell.go('Wallet');
      const topUp = await openTopUp(page, shell);
      const crypto = new CryptoCheckout(page);
      await topUp.preset('$100.00').click();
      await topUp.method(/Crypto/).check();
      await crypto.coinAndNetwork.selectOption({ label: 'USDT on Tron (TRC-20)' });
      await topUp.submit.click();
      await expectVisible(crypto.qrCode);
      const address = /to (T\w+)$/.exec((await crypto.qrCode.getAttribute('alt')) ?? '')![1]!;
      const txHash = await sendCoins(chain.url, address, '100');
      await mineBlocks(chain.url, 1);
      await expectText(crypto.progress, 'Payment seen: 1 of 3 confirmations…');

      await shell.navLink('Payments').click();
      const payments = new PaymentsScreen(page);
      await payments.open(payments.rows.first()).click();
      await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
      const verify = page.getByRole('region', { name: 'Kiểm tra khoản thanh toán của tôi' });
      await verify.getByLabel('Mã băm giao dịch').fill(txHash);
      await verify.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
      await expectText(
        verify,
        'Đã tìm thấy tại địa chỉ của khoản thanh toán này. Đang chờ thêm 2 xác nhận (đã có 1/3); khoản tiền sẽ được ghi có ngay khi blockchain xác nhận.',
      );
      await screenshot('verify-waiting-confirmations-vietnamese');
    } catch (error) {
      console.error(`--- billing API output ---\n${api.output()}`);
      throw error;
    } finally {
      await close();
    }
  });
});

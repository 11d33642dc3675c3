/**
 * A crypto payer whose coins are on the chain but not yet confirmed enough reads how far along they
 * are ("1 of 2 confirmations"), in English and in Vietnamese, as the chain moves on; and "Verify my
 * payment" answers how many more are needed in the console's language.
 */
import { describe } from 'vitest';
import { mineBlocks, sendCoins } from '../support/emulators/crypto-chain.js';
import { launchChainApi, startUsdtTopUp } from './support/chain-api.js';
import { expectText } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
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
      const { shell, topUp, crypto, address } = await startUsdtTopUp(page, host, api, {
        reseller: 'Block Proxies',
        customer: { name: 'Pham Minh', email: 'minh@example.com' },
        confirmations: 2,
      });
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
      const { shell, crypto, address } = await startUsdtTopUp(page, host, api, {
        reseller: 'Verified Proxies',
        customer: { name: 'Tran Thu', email: 'thu@example.com' },
      });
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

/**
 * A payer whose bank transfer arrived in part is shown what arrived and what is left, with a VietQR
 * code for the rest to the same account with the same memo, in English and in Vietnamese.
 */
import { describe, expect } from 'vitest';
import { expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { openTopUp, signInAsAdmin } from './support/flows.js';
import { offerVietQrBank, VIETQR_ACCOUNT as ACCOUNT } from './support/vietqr-bank.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('a VietQR transfer paid in part', () => {
  test('shows what arrived and asks for the rest with a QR code for the rest only', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    await api.ready();
    const admin = await api.createReseller('Hanoi Proxies');
    const bank = await offerVietQrBank(api, admin, 'CONG TY HANOI PROXIES');
    try {
      const customerId = await api.createCustomer(admin, {
        name: 'Le Van Cuong',
        email: 'cuong@example.com',
      });
      await api.createWallet(admin, customerId, 'VND');

      const shell = await signInAsAdmin(page, host, api, admin);
      await shell.go('Wallet');
      const topUp = await openTopUp(page, shell);
      await topUp.preset('₫500,000').click();
      await topUp.method(/VietQR bank transfer/).check();
      await topUp.submit.click();
      await expectVisible(topUp.qrCode);
      expect(await topUp.qrCode.getAttribute('alt')).toMatch(/transfer ₫500,000 to account/);
      const memo = (await page.getByTestId('bank-memo').textContent())?.trim() ?? '';
      expect(memo).not.toBe('');

      // Only part of it arrives; the server asks the bank feed, then shows the rest.
      const line = bank.credit({ accountNumber: ACCOUNT, amount: 200_000, content: `CK ${memo}` });
      await bank.delivered(line.id);
      await expectText(
        topUp.status.getByRole('status'),
        `Partly paid: transfer the remaining ₫300,000 to the same account with the same memo ${memo}.`,
      );
      await expectText(page.getByTestId('bank-received'), '₫200,000');
      await expectText(page.getByTestId('bank-amount'), '₫300,000');
      await expectVisible(topUp.status.getByText('Still to transfer', { exact: true }));
      await expectText(page.getByTestId('bank-memo'), memo);
      await expect
        .poll(() => topUp.qrCode.getAttribute('alt'))
        .toMatch(new RegExp(`transfer ₫300,000 to account ${ACCOUNT} .* with the memo ${memo}$`));
      await expectText(shell.balance, '₫0');
      await screenshot('vietqr-partly-paid');

      await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
      await expectText(
        topUp.status.getByRole('status'),
        new RegExp(
          `Đã thanh toán một phần: hãy chuyển 300\\.000\\s₫ còn lại tới cùng tài khoản với cùng nội dung ${memo}\\.`,
        ),
      );
      await expectVisible(topUp.status.getByText('Còn phải chuyển', { exact: true }));
      await expectVisible(topUp.status.getByText('Đã nhận', { exact: true }));
      expect(await topUp.status.getByRole('img', { name: /Mã VietQR/ }).getAttribute('alt')).toMatch(
        /chuyển 300\.000\s₫ tới tài khoản/,
      );
      await screenshot('vietqr-partly-paid-vi');
    } finally {
      await bank.close();
    }
  });
});

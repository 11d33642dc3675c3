import { describe, expect } from 'vitest';
import { expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { openTopUp, signInAsAdmin } from './support/flows.js';
import { offerVietQrBank, VIETQR_ACCOUNT as ACCOUNT } from './support/vietqr-bank.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('topping up by VietQR bank transfer', () => {
  test('the QR code and memo are shown, and a Pay2s bank push credits the wallet', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    await api.ready();
    const admin = await api.createReseller('Saigon Proxies');
    const bank = await offerVietQrBank(api, admin, 'CONG TY SAIGON PROXIES');
    try {
      const customerId = await api.createCustomer(admin, { name: 'Nguyen Van An', email: 'an@example.com' });
      await api.createWallet(admin, customerId, 'VND');

      const shell = await signInAsAdmin(page, host, api, admin);
      await shell.go('Wallet');
      await expectText(shell.balance, '₫0');
      const topUp = await openTopUp(page, shell);
      await topUp.preset('₫500,000').click();
      await topUp.method(/VietQR bank transfer/).check();
      await screenshot('vietqr-form');
      await topUp.submit.click();

      // The QR code, the account and the memo to transfer with.
      await expectVisible(topUp.qrCode);
      expect(await topUp.qrCode.getAttribute('alt')).toMatch(/transfer ₫500,000 to account 0011001932418/);
      await expectText(topUp.status, 'Waiting for the bank transfer');
      const memo = (await page.getByTestId('bank-memo').textContent())?.trim() ?? '';
      expect(memo).not.toBe('');
      await screenshot('vietqr-qr');

      // The payer transfers; the bank pushes the statement line; the server credits the wallet.
      const line = bank.credit({ accountNumber: ACCOUNT, amount: 500_000, content: `CK ${memo} thanh toan` });
      await bank.delivered(line.id);
      await expectText(topUp.status, 'Top-up of ₫500,000 paid.');
      await expectText(shell.balance, '₫500,000');
      await screenshot('vietqr-paid');
    } finally {
      await bank.close();
    }
  });
});

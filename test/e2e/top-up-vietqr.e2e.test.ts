import { describe, expect } from 'vitest';
import { Pay2sEmulator } from '../support/emulators/pay2s.js';
import { expectText, expectVisible } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { openTopUp, signInAsAdmin } from './support/flows.js';

const ACCOUNT = '0011001932418';
const PUSH_TOKEN = 'e3a19a5a65a48ff3b3ef198fcb2a5a6c';
const API_TOKEN = 'cGF5MnMtc2VjcmV0LXRva2Vu';

describe('topping up by VietQR bank transfer', () => {
  test('the QR code and memo are shown, and a Pay2s bank push credits the wallet', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    await api.ready();
    const admin = await api.createReseller('Saigon Proxies');
    // The bank: a Pay2s emulator on loopback, pushing statement lines to the reseller's webhook.
    const bank = await Pay2sEmulator.start({
      webhookToken: PUSH_TOKEN,
      apiToken: API_TOKEN,
      webhookUrl: `${api.url}/v1/webhooks/vietqr/${admin.resellerId}`,
      retryIntervalMs: 200,
    });
    try {
      await api.offerMethod(
        admin,
        'vietqr',
        {
          bankBin: '970422',
          accountNumber: ACCOUNT,
          accountName: 'CONG TY SAIGON PROXIES',
          feed: 'pay2s',
          pay2sToken: PUSH_TOKEN,
          pay2sApiToken: API_TOKEN,
          pay2sApiBase: bank.url,
        },
        {
          enabled: true,
          label: 'VietQR bank transfer',
          feeBasisPoints: 0,
          processingTime: '1-5 minutes',
        },
      );
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

import { describe, expect } from 'vitest';
import { Pay2sEmulator } from '../support/emulators/pay2s.js';
import { expectHidden, expectText, expectVisible } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { signInAsAdmin } from './support/flows.js';
import { PaymentReviews } from './support/pages/payment-reviews.js';

const ACCOUNT = '0011001932418';
const PUSH_TOKEN = 'e3a19a5a65a48ff3b3ef198fcb2a5a6c';
const API_TOKEN = 'cGF5MnMtc2VjcmV0LXRva2Vu';

describe('a bank transfer that matched no payment', () => {
  test('the admin applies it to the customer’s wallet from Needs review, and it is credited once', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    await api.ready();
    const admin = await api.createReseller('Hanoi Proxies');
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
          accountName: 'CONG TY HANOI PROXIES',
          memoPrefix: 'NAP',
          feed: 'pay2s',
          pay2sToken: PUSH_TOKEN,
          pay2sApiToken: API_TOKEN,
          pay2sApiBase: bank.url,
        },
        { enabled: true, label: 'VietQR bank transfer', feeBasisPoints: 0, processingTime: '1-5 minutes' },
      );
      const customerId = await api.createCustomer(admin, {
        name: 'Tran Thi Binh',
        email: 'binh@example.com',
      });
      await api.createWallet(admin, customerId, 'VND');

      // The payer typed no usable memo: the transfer lands in review.
      const line = bank.credit({ accountNumber: ACCOUNT, amount: 150_000, content: 'chuyen tien nap' });
      await bank.delivered(line.id);

      const shell = await signInAsAdmin(page, host, api, admin);
      await shell.navLink('Payments').click();
      const reviews = new PaymentReviews(page);
      await reviews.tab.click();
      await expectVisible(reviews.table);
      const row = reviews.rows.filter({ hasText: 'chuyen tien nap' });
      await expectText(row, '₫150,000');
      await screenshot('review-unmatched');

      await reviews.applyToWallet(row).click();
      await expectVisible(reviews.dialog);
      await reviews.target('Wallet').selectOption({ label: 'Tran Thi Binh — VND wallet' });
      await expectText(reviews.dialog, '₫150,000 will be credited to Tran Thi Binh — VND wallet');
      await screenshot('review-apply-dialog');
      await reviews.confirm('₫150,000').click();
      await expectHidden(reviews.dialog);
      await expectText(page.getByText('Nothing needs review'), 'Nothing needs review');

      const [wallet] = await api.wallets(admin, customerId);
      expect(wallet).toMatchObject({ currency: 'VND', balance: 150_000 });

      // Resolved: what was done, by whom, stays visible.
      await reviews.show.selectOption('resolved');
      await expectText(
        page.getByTestId('review-resolution'),
        `applied to wallet ${wallet!.id} by ${admin.email}`,
      );
      await screenshot('review-applied');
    } finally {
      await bank.close();
    }
  });
});

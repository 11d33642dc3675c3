import { describe } from 'vitest';
import { expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsCustomerWithCatalog } from './support/flows.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('the order form', () => {
  test('with a pending charge on the wallet, the form says what stays available after the order, not the balance', async ({
    api,
    host,
    page,
  }) => {
    const { admin, walletId, shell } = await signInAsCustomerWithCatalog(api, host, page, 'none');
    // A renewal waiting to be charged holds $10.00: the balance stays $50.00, $40.00 is available.
    await api.request('POST', `/v1/wallets/${walletId}/holds`, {
      token: admin.apiKey,
      body: { amount: 1_000, description: 'Renewal' },
      idempotent: true,
      expect: 201,
    });

    await shell.navLink('Orders').click();
    const form = page.getByRole('form', { name: 'Order from the catalog' });
    await expectVisible(form);
    await form.getByLabel('Quantity').fill('10');
    // The summary's terms and their figures (its name is in the console's language).
    const summary = page.getByTestId('order-total').locator('xpath=..');
    await expectText(page.getByTestId('order-total'), '$15.00');
    // $40.00 available − $15.00: $25.00 stays available (the balance after would be $35.00).
    await expectText(summary, /Available after\s*\$25\.00/);

    await shell.header.getByRole('combobox', { name: /^(Language|Ngôn ngữ)/ }).selectOption('vi');
    // The page opens afresh in the other language: the quantity again.
    await page.getByLabel('Số lượng').fill('10');
    await expectText(page.getByTestId('order-total'), '15,00 US$');
    await expectText(summary, /Khả dụng sau đó\s*25,00\sUS\$/);
  });
});

import { describe } from 'vitest';
import { expectHidden, expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsCustomerWithCatalog } from './support/flows.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('an invoice in a currency the customer has no wallet in', () => {
  test('the customer is told it has no wallet to pay from, in its own words', async ({ api, host, page }) => {
    const { admin, customerId, shell } = await signInAsCustomerWithCatalog(api, host, page, 'none');
    // Ada's only wallet is in USD; the reseller bills her in EUR.
    const invoice = await api.openInvoice(admin, customerId, {
      currency: 'EUR',
      description: 'Setup',
      unitAmount: 2_000,
    });

    await shell.navLink('My Invoices').click();
    await page.getByRole('main').getByRole('link', { name: invoice.number }).click();
    const pay = page.getByRole('region', { name: 'Pay' });
    await expectVisible(pay);
    await expectText(pay, 'You have no active EUR wallet to pay from.');
    await expectHidden(pay.getByText('The customer has no active EUR wallet'));

    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await expectText(
      page.getByRole('region', { name: 'Thanh toán' }),
      'Bạn không có ví EUR đang hoạt động để thanh toán.',
    );
  });
});

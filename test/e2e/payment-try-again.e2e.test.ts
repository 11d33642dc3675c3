import { describe } from 'vitest';
import { expectText, expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsCustomerToInvoice } from './support/flows.js';
import { PaymentScreen, PaymentsScreen, SandboxCheckoutPage } from './support/pages/top-up.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('"Try again" on a payment that ended without money', () => {
  test('an invoice payment declined on the payment page: Try again goes back to the invoice, not to Top Up', async ({
    api,
    host,
    page,
  }) => {
    const admin = await api.createReseller('Retry Proxies');
    await api.turnOnTestMode(admin);
    const customerId = await api.createCustomer(admin, { name: 'Quang Ho', email: 'quang@example.com' });
    await api.createWallet(admin, customerId, 'USD');
    const open = await api.openInvoice(admin, customerId, {
      currency: 'USD',
      description: 'Proxy plan',
      unitAmount: 1_500,
    });

    // The customer pays the invoice by the sandbox card and declines on its page.
    const customer = { admin, customerId, email: 'quang.login@example.com' };
    const { shell, invoices } = await signInAsCustomerToInvoice(api, host, page, customer, open.number);
    await page.getByLabel('Payment method').selectOption({ label: 'Sandbox test card' });
    await page.getByRole('button', { name: 'Pay by this method' }).click();
    const opened = page.context().waitForEvent('page', { timeout: UI_TIMEOUT_MS });
    await page.getByRole('button', { name: 'Open the payment page' }).click();
    const checkout = new SandboxCheckoutPage(await opened);
    await checkout.page.waitForLoadState();
    await checkout.press('Decline');
    await expectText(checkout.status, 'declined');
    await checkout.page.close();

    // Later, from Payments: the declined payment, and Try again.
    await shell.navLink('Payments').click();
    const payments = new PaymentsScreen(page);
    await expectText(payments.rows, 'Failed');
    await payments.open(payments.rows.first()).click();
    const detail = new PaymentScreen(page);
    await expectText(detail.summary, 'The payment was declined.');
    await detail.summary.getByRole('button', { name: 'Try again' }).click();
    await expectVisible(invoices.heading(`Invoice ${open.number}`));
    await expectText(invoices.amountDue, '$15.00');
  });
});

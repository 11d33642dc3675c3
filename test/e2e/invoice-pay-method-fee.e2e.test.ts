import { describe, expect } from 'vitest';
import { expectText, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsCustomerToInvoice } from './support/flows.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('paying an invoice by a payment method', () => {
  test('the fee and the total to pay are shown before Pay, in English and Vietnamese', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Fee Proxies');
    // The sandbox test card (test mode), with a 2.5% fee paid on top.
    await api.changeSandboxMethod(admin, { enabled: true, feeBasisPoints: 250 });
    const customerId = await api.createCustomer(admin, { name: 'Linh Vo', email: 'linh@example.com' });
    await api.createWallet(admin, customerId, 'USD');
    const open = await api.openInvoice(admin, customerId, {
      currency: 'USD',
      description: 'Proxy plan',
      unitAmount: 2_000,
    });
    const customer = { admin, customerId, email: 'linh.login@example.com' };
    const { invoices } = await signInAsCustomerToInvoice(api, host, page, customer, open.number);
    await expectText(invoices.amountDue, '$20.00');
    const pay = page.getByRole('button', { name: 'Pay by this method' });
    const total = page.getByTestId('invoice-method-total');
    // $20.00 due, 2.5% on top: $0.50, so $20.50 to pay; and how long the method takes.
    await expectText(total, '2.5% fee: $0.50 on top of the amount due, so you pay $20.50 · Instant');
    // The button says it too, to a screen reader.
    await expect
      .poll(
        () => pay.getAttribute('aria-describedby').then((id) => page.locator(`[id="${id}"]`).innerText()),
        { timeout: UI_TIMEOUT_MS },
      )
      .toContain('you pay $20.50');
    await screenshot('invoice-method-fee', page.getByRole('region', { name: 'Pay', exact: true }));

    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await expectText(total, 'Phí 2,5%: 0,50 US$ cộng thêm vào số tiền phải trả, nên bạn trả 20,50 US$');
  });
});

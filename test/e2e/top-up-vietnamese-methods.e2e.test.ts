/**
 * A customer whose console speaks Vietnamese reads the payment methods in Vietnamese while the
 * reseller has kept the words every method starts with, and the reseller's own words as typed.
 */
import { describe, expect } from 'vitest';
import { expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsNewCustomer } from './support/flows.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('payment methods in Vietnamese', () => {
  test('a method the reseller left as it came reads in Vietnamese; one it renamed reads as typed', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const { admin, customerId, shell } = await signInAsNewCustomer(api, host, page, 'Việt Proxies', {
      name: 'Trần Thị Bình',
      email: 'binh@example.com',
    });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await shell.header.getByRole('button', { name: 'Nạp tiền', exact: true }).click();
    const methods = page.getByRole('main').getByRole('group', { name: 'Phương thức thanh toán' });
    await expectVisible(methods);
    await expectText(methods, /Thẻ thử nghiệm sandbox\s*Miễn phí · Tức thì/);
    expect(await methods.textContent()).not.toMatch(/Sandbox test card|Instant/);
    await screenshot('top-up-methods-vietnamese');

    // So does the list of methods an open invoice can be paid by.
    const draft = await api.request<{ id: string }>('POST', `/v1/customers/${customerId}/invoices`, {
      token: admin.apiKey,
      body: { currency: 'USD', lines: [{ description: 'Gói hỗ trợ', quantity: 1, unitAmount: 10_000 }] },
    });
    const open = await api.request<{ number: string }>('POST', `/v1/invoices/${draft.id}/finalize`, {
      token: admin.apiKey,
      idempotent: true,
      expect: 200,
    });
    await page.getByRole('navigation').getByRole('link', { name: 'Hóa đơn của tôi', exact: true }).click();
    await page.getByRole('main').getByRole('link', { name: open.number }).click();
    const method = page.getByRole('main').getByRole('combobox', { name: 'Phương thức thanh toán' });
    await expectText(method.locator('option:checked'), 'Thẻ thử nghiệm sandbox');

    // The reseller names the method in its own words: the customer reads those, word for word.
    await api.changeSandboxMethod(admin, {
      label: 'Thẻ thử của Việt Proxies',
      processingTime: 'Ngay lập tức',
    });
    await page.getByRole('navigation').getByRole('link', { name: 'Ví', exact: true }).click();
    await shell.header.getByRole('button', { name: 'Nạp tiền', exact: true }).click();
    await expectText(methods, /Thẻ thử của Việt Proxies\s*Miễn phí · Ngay lập tức/);
  });
});

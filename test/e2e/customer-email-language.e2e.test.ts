import { describe, expect } from 'vitest';
import { expectText } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsAdmin } from './support/flows.js';
import { CustomerScreen, CustomersScreen } from './support/pages/customers.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe("a customer's email language", () => {
  test('the admin sees which language a customer is written to in, and changes it on its page', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Lingo Hosting');
    const customerId = await api.createCustomer(admin, { name: 'Nguyễn Thị Lan', email: 'lan@example.vn' });
    const shell = await signInAsAdmin(page, host, api, admin);
    await shell.go('Customers');
    await new CustomersScreen(page).row('Nguyễn Thị Lan').click();
    const customer = new CustomerScreen(page);
    await expectText(
      customer.emailLanguage,
      'Emails to this customer are in English: no language has been chosen yet.',
    );

    await customer.emailLanguageChoice.selectOption('vi');
    await customer.emails.getByRole('button', { name: 'Save language' }).click();
    await expectText(
      customer.emailLanguage,
      'Emails to this customer are in Vietnamese (Tiếng Việt), as your team chose.',
    );
    await screenshot('customer-email-language', customer.emails);
    const saved = await api.request<{ language: string; languageSetBy: string }>(
      'GET',
      `/v1/customers/${customerId}`,
      { token: admin.apiKey },
    );
    expect(saved).toMatchObject({ language: 'vi', languageSetBy: 'admin' });
  });
});

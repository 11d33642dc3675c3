import type { Page } from 'playwright-core';
import { describe } from 'vitest';
import type { BillingApi, ResellerAdmin } from './support/billing-api.js';
import type { BrowserHost } from './support/browser-host.js';
import { expectCount, expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInToHostedApi } from './support/flows.js';
import { CustomerScreen, CustomersScreen } from './support/pages/customers.js';
import { DashboardScreen } from './support/pages/dashboard.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

/**
 * The header shows what the signed-in role owns: a customer its own wallet (and Top Up); staff
 * the wallet of the page they are on, named with its customer, or nothing — never a "Balance" of
 * some customer's that reads as theirs, and never a Top Up for it.
 */

async function twoCustomers(api: BillingApi) {
  const admin = await api.createReseller('Contoso Hosting');
  const acme = await api.createCustomer(admin, { name: 'Acme Ltd', email: 'billing@acme.example.com' });
  const acmeWallet = await api.createWallet(admin, acme, 'USD');
  await api.credit(admin, acmeWallet, 123_400, 'Opening balance');
  const globex = await api.createCustomer(admin, { name: 'Globex', email: 'ap@globex.example.com' });
  const globexWallet = await api.createWallet(admin, globex, 'EUR');
  await api.credit(admin, globexWallet, 5_000, 'Opening balance');
  return { admin, acme, globex };
}

/** As staff: nothing on the dashboard; on Acme's page, Acme's wallet named; never Top Up. */
async function staffSeesOnlyTheWalletInContext(
  page: Page,
  host: BrowserHost,
  credentials: { url: string; email: string; password: string },
  screenshot: (name: string) => Promise<string>,
  name: string,
) {
  const shell = await signInToHostedApi(page, host, credentials);
  await expectText(shell.syncStatus, 'Online');
  const topUp = shell.header.getByRole('button', { name: /Top Up/ });

  await shell.go('Dashboard');
  const dashboard = new DashboardScreen(page);
  await expectCount(dashboard.walletCards, 2);
  await expectCount(shell.balance, 0);
  await expectText(shell.header, /^(?!.*Balance)/s);
  await expectCount(topUp, 0);
  await screenshot(`${name}-dashboard`);

  await shell.go('Customers');
  const customers = new CustomersScreen(page);
  await customers.row('Acme Ltd').click();
  await expectVisible(new CustomerScreen(page).heading('Acme Ltd'));
  await expectText(shell.balance, 'Acme Ltd · USD $1,234.00');
  await expectCount(topUp, 0);
  await screenshot(`${name}-customer`);

  // Another customer's page names that customer's wallet instead.
  await shell.go('Customers');
  await customers.row('Globex').click();
  await expectVisible(new CustomerScreen(page).heading('Globex'));
  await expectText(shell.balance, 'Globex · EUR €50.00');
  await expectCount(topUp, 0);

  // The Customers list is about no one wallet: the header shows none.
  await shell.go('Customers');
  await expectVisible(customers.row('Acme Ltd'));
  await expectCount(shell.balance, 0);
}

describe('the header shows what the signed-in role owns', () => {
  test('a reseller admin sees no customer’s balance on the dashboard, and the wallet in context, named, on a customer’s page', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const { admin } = await twoCustomers(api);
    await staffSeesOnlyTheWalletInContext(
      page,
      host,
      { url: api.url, email: admin.email, password: admin.password },
      screenshot,
      'admin',
    );
  });

  test('a support agent the same', async ({ api, host, page, screenshot }) => {
    const { admin } = await twoCustomers(api);
    const agent = { email: 'agent@contoso.example.com', password: 'helpful support agent' };
    await api.createUser(admin, { ...agent, role: 'support_agent' });
    await staffSeesOnlyTheWalletInContext(page, host, { url: api.url, ...agent }, screenshot, 'agent');
  });

  test('a customer sees its own balance and Top Up', async ({ api, host, page, screenshot }) => {
    const { admin, acme } = await twoCustomers(api);
    const login = { email: 'owner@acme.example.com', password: 'acme wallet owner' };
    await createCustomerLogin(api, admin, acme, login);
    const shell = await signInToHostedApi(page, host, { url: api.url, ...login });
    await expectText(shell.syncStatus, 'Online');
    await shell.go('Dashboard');
    await expectText(shell.balance, 'Balance $1,234.00');
    await expectVisible(shell.header.getByRole('button', { name: 'Top Up' }));
    await expectText(shell.header, /^(?!.*Globex)/s);
    await screenshot('customer-dashboard');
  });
});

async function createCustomerLogin(
  api: BillingApi,
  admin: ResellerAdmin,
  customerId: string,
  login: { email: string; password: string },
): Promise<void> {
  await api.request('POST', '/v1/users', {
    token: admin.apiKey,
    body: { ...login, role: 'customer', customerId },
  });
}

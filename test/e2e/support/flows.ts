import type { Page } from 'playwright-core';
import type { BillingApi, ResellerAdmin } from './billing-api.js';
import type { BrowserHost } from './browser-host.js';
import { expectHidden, expectText, expectVisible } from './expect-ui.js';
import { ConnectionScreen } from './pages/connection.js';
import { InvoicesScreen } from './pages/invoices.js';
import { Shell } from './pages/shell.js';
import { TopUpScreen } from './pages/top-up.js';

/**
 * Opens the console on a fresh data folder, then signs in to a hosted API from the Connection
 * screen, as a person would: from the local demo it starts on (as on any first run), or from the
 * Connection screen a signed-out console opens on (the `signedOut` fixture option).
 */
export async function signInToHostedApi(
  page: Page,
  host: BrowserHost,
  credentials: { url: string; email: string; password: string },
): Promise<Shell> {
  const shell = new Shell(page);
  await shell.open(host);
  if (!host.signedOut) {
    await expectVisible(shell.demoBadge);
    await shell.go('Connection');
  }
  await new ConnectionScreen(page).signIn(credentials);
  await expectVisible(shell.account(credentials.email));
  await expectHidden(shell.demoBadge);
  return shell;
}

/** Opens the console on the demo it starts on (the default) and waits until it is online, synced. */
export async function openDemoOnline(page: Page, host: BrowserHost): Promise<Shell> {
  const shell = new Shell(page);
  await shell.open(host);
  await expectText(shell.syncStatus, 'Online');
  return shell;
}

/** The reseller's admin, signed in to `api` with its email and password. */
export function signInAsAdmin(
  page: Page,
  host: BrowserHost,
  api: BillingApi,
  admin: ResellerAdmin,
): Promise<Shell> {
  return signInToHostedApi(page, host, { url: api.url, email: admin.email, password: admin.password });
}

/**
 * A reseller admin (`reseller`) with one customer whose USD wallet holds $50.00, signed in to the
 * console and online; with `testMode`, the admin has turned the sandbox test gateway on (through the API).
 */
export async function signInWithFundedWallet(
  api: BillingApi,
  host: BrowserHost,
  page: Page,
  reseller: string,
  customer: { name: string; email: string },
  options: { testMode?: boolean } = {},
) {
  const admin = await api.createReseller(reseller);
  if (options.testMode) await api.turnOnTestMode(admin);
  const customerId = await api.createCustomer(admin, customer);
  const walletId = await api.createWallet(admin, customerId, 'USD');
  await api.credit(admin, walletId, 5_000, 'Opening balance');
  const shell = await signInAsAdmin(page, host, api, admin);
  await expectText(shell.syncStatus, 'Online');
  // Staff see a wallet's balance in the header only on that wallet's pages.
  await shell.go('Wallet');
  await expectText(shell.balance, '$50.00');
  return { admin, walletId, shell };
}

/**
 * A reseller in test mode with one customer, who has an empty USD wallet and a login of its own:
 * signed in to the console as that customer.
 */
export async function signInAsNewCustomer(
  api: BillingApi,
  host: BrowserHost,
  page: Page,
  reseller: string,
  customer: { name: string; email: string },
) {
  const admin = await api.createReseller(reseller);
  await api.turnOnTestMode(admin);
  const customerId = await api.createCustomer(admin, customer);
  const walletId = await api.createWallet(admin, customerId, 'USD');
  const login = { email: customer.email, password: `${customer.name} signs in` };
  await api.request('POST', '/v1/users', {
    token: admin.apiKey,
    body: { ...login, role: 'customer', customerId },
  });
  const shell = await signInToHostedApi(page, host, { url: api.url, ...login });
  return { admin, customerId, walletId, shell };
}

/**
 * Reseller "Northwind Proxies" sells "Datacenter proxy" at $1.50 (`period`: 'none' or a renewal
 * period); its customer Ada Lovelace has a USD wallet holding $50.00 and a login of her own, and
 * is signed in to the console, online.
 */
export async function signInAsCustomerWithCatalog(
  api: BillingApi,
  host: BrowserHost,
  page: Page,
  period: 'none' | 'month',
) {
  const admin = await api.createReseller('Northwind Proxies');
  const customerId = await api.createCustomer(admin, { name: 'Ada Lovelace', email: 'ada@example.com' });
  const walletId = await api.createWallet(admin, customerId, 'USD');
  await api.credit(admin, walletId, 5_000, 'Opening balance');
  await api.request('POST', '/v1/products', {
    token: admin.apiKey,
    body: { name: 'Datacenter proxy', prices: { USD: 150 }, period },
  });
  const login = { email: 'ada@example.com', password: 'correct horse battery staple' };
  await api.request('POST', '/v1/users', {
    token: admin.apiKey,
    body: { ...login, role: 'customer', customerId },
  });
  const shell = await signInToHostedApi(page, host, { url: api.url, ...login });
  await expectText(shell.syncStatus, 'Online');
  return { admin, customerId, walletId, shell };
}

/**
 * The customer, given a login of its own (`email`), signs in to the console and opens its invoice
 * `number` from My Invoices.
 */
export async function signInAsCustomerToInvoice(
  api: BillingApi,
  host: BrowserHost,
  page: Page,
  customer: { admin: ResellerAdmin; customerId: string; email: string },
  number: string,
) {
  const login = { email: customer.email, password: 'correct horse battery staple' };
  await api.createCustomerLogin(customer.admin, customer.customerId, login);
  const shell = await signInToHostedApi(page, host, { url: api.url, ...login });
  await expectText(shell.syncStatus, 'Online');
  await shell.navLink('My Invoices').click();
  const invoices = new InvoicesScreen(page);
  await invoices.table.getByRole('link', { name: number }).click();
  return { shell, invoices };
}

/**
 * The Top Up screen, opened as staff open it: from the Wallet page's Top Up (the header offers
 * Top Up to a customer only, for its own wallet), its form shown.
 */
export async function openTopUp(page: Page, shell: Shell): Promise<TopUpScreen> {
  await shell.go('Wallet');
  await page.getByRole('main').getByRole('link', { name: 'Top Up', exact: true }).click();
  const topUp = new TopUpScreen(page);
  await expectVisible(topUp.form);
  return topUp;
}

import { describe, expect } from 'vitest';
import { expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { openTopUp, signInToHostedApi } from './support/flows.js';
import { ConnectionScreen } from './support/pages/connection.js';
import { SandboxCheckoutPage } from './support/pages/top-up.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('another account signs in on the same console', () => {
  test('it sees none of the last account’s payment notices', async ({ api, host, page, screenshot }) => {
    const admin = await api.createReseller('Shared Desk Hosting');
    await api.turnOnTestMode(admin);
    const logins = [];
    for (const [name, email] of [
      ['Ada Lovelace', 'ada@example.com'],
      ['Diego Rossi', 'diego@example.com'],
    ] as const) {
      const customerId = await api.createCustomer(admin, { name, email });
      await api.createWallet(admin, customerId, 'USD');
      const login = { email, password: `${name} secret pass` };
      await api.request('POST', '/v1/users', {
        token: admin.apiKey,
        body: { ...login, role: 'customer', customerId },
      });
      logins.push(login);
    }

    // Ada tops up $25.00 and is told so, with her new balance.
    const shell = await signInToHostedApi(page, host, { url: api.url, ...logins[0]! });
    const topUp = await openTopUp(page, shell);
    await topUp.amount.fill('25');
    await topUp.method(/Sandbox test card/).check();
    const opened = page.context().waitForEvent('page');
    await topUp.submit.click();
    const checkout = new SandboxCheckoutPage(await opened);
    await checkout.page.waitForLoadState();
    await checkout.press('Pay');
    await expectText(page.getByTestId('payment-notice'), 'Top-up of $25.00 paid');

    // Diego signs in on the same console, from the form the signed-out console shows: Ada's notice
    // (and her balance) is not his to read, and her Top Up page is not where he starts.
    const adasPage = new URL(page.url()).hash;
    expect(adasPage).toMatch(/^#\/top-up\/wal_/);
    await shell.signOutButton.click();
    await new ConnectionScreen(page).signIn({ url: api.url, ...logins[1]! });
    await expectText(shell.syncStatus, 'Online');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Dashboard', exact: true }));
    expect(new URL(page.url()).hash).not.toBe(adasPage);
    await screenshot('next-account');
    expect(await page.getByTestId('payment-notice').count()).toBe(0);

    // Diego signing out and back in is the same person: he comes back to the page he left.
    await shell.go('Wallet');
    const diegosPage = new URL(page.url()).hash;
    await shell.signOutButton.click();
    await new ConnectionScreen(page).signIn({ url: api.url, ...logins[1]! });
    await expectText(shell.syncStatus, 'Online');
    expect(new URL(page.url()).hash).toBe(diegosPage);
  });
});

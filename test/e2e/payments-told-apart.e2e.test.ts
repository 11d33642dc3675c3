import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectCount, expectText, expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { openTopUp, signInWithFundedWallet } from './support/flows.js';
import { CustomerScreen, CustomersScreen } from './support/pages/customers.js';
import { PaymentsScreen, SandboxCheckoutPage, type TopUpScreen } from './support/pages/top-up.js';
import { WalletScreen } from './support/pages/wallet.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

/** Presses Pay and pays on the sandbox's hosted page that the console opened for it. */
async function payOnHostedPage(page: Page, topUp: TopUpScreen): Promise<void> {
  const opened = page.context().waitForEvent('page', { timeout: UI_TIMEOUT_MS });
  await topUp.submit.click();
  const checkout = new SandboxCheckoutPage(await opened);
  await checkout.page.waitForLoadState();
  await checkout.press('Pay');
  await expectText(checkout.status, 'Payment received');
  await checkout.page.close();
}

describe('payments told apart', () => {
  test('staff see whose wallet each payment went to, its dates, fee, provider reference and ledger row; queued writes say whose wallet', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const { admin, shell } = await signInWithFundedWallet(
      api,
      host,
      page,
      'Northwind Proxies',
      {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
      },
      { testMode: true },
    );
    const topUp = await openTopUp(page, shell);
    await topUp.amount.fill('100');
    await topUp.method(/Sandbox test card/).check();
    await payOnHostedPage(page, topUp);
    await expectText(topUp.status, 'Top-up of $100.00 paid.');

    // The list: the customer and the wallet of each payment.
    await shell.navLink('Payments').click();
    const payments = new PaymentsScreen(page);
    await expectVisible(payments.heading);
    await expectCount(payments.rows, 1);
    const table = page.getByRole('table', { name: 'Payments' });
    await expectVisible(table.getByRole('columnheader', { name: 'Customer' }));
    await expectVisible(table.getByRole('columnheader', { name: 'Wallet' }));
    await expectText(payments.rows, /Ada Lovelace.*USD wallet.*\$100\.00.*Paid/);
    await screenshot('payments-list');

    // A customer's page opens that customer's payments only: Ada's one, none of Grace's.
    await api.createCustomer(admin, { name: 'Grace Hopper', email: 'grace@example.com' });
    const customers = new CustomersScreen(page);
    for (const [name, count] of [
      ['Grace Hopper', 0],
      ['Ada Lovelace', 1],
    ] as const) {
      await shell.navLink('Customers').click();
      await customers.row(name).click();
      await expectVisible(new CustomerScreen(page).heading(name));
      await page
        .getByRole('navigation', { name: `${name}'s records` })
        .getByRole('link', { name: 'Payments' })
        .click();
      await expectCount(payments.rows, count);
      if (count === 0) await expectVisible(page.getByText('No payments match these filters'));
      await expectText(
        page.getByRole('combobox', { name: 'Customer', exact: true }).locator('option:checked'),
        name,
      );
    }

    // The detail: wallet, amount and fee, the dates, the provider's reference, the ledger row.
    await payments.rows.getByRole('link', { name: /^Open the / }).click();
    const details = page.getByRole('region', { name: 'Details' });
    await expectVisible(details);
    const fact = (term: string) =>
      details
        .locator('div')
        .filter({ has: page.getByRole('term').getByText(term, { exact: true }) })
        .getByRole('definition');
    await expectText(fact('Wallet'), 'Ada Lovelace · USD wallet');
    await expectText(fact('Amount'), '$100.00');
    await expectText(fact('Fee'), '$');
    for (const term of ['Created', 'Paid']) {
      await expectText(fact(term), /\w{3} \d{1,2}, \d{4}/);
    }
    // Paid: no longer waiting for anyone, so no expiry to read as if it might still lapse.
    expect(await details.getByRole('term').allInnerTexts()).not.toContain('Expires');
    const server = await api.request<{
      items: Array<{ id: string; providerReference: string; transactionId: string }>;
    }>('GET', '/v1/payments?limit=10', { token: admin.apiKey });
    const [paid] = server.items;
    expect(paid?.providerReference).toMatch(/^sbx_/);
    await expectText(fact('Provider reference'), paid!.providerReference);
    await screenshot('payment-detail');

    await fact('Ledger row').getByRole('link', { name: 'View the credit in the wallet history' }).click();
    const wallet = new WalletScreen(page);
    await expectVisible(wallet.heading('USD'));
    const marked = wallet.history.locator('[aria-current="true"]');
    await expectCount(marked, 1);
    await expectText(marked, /Top Up.*\+\$100\.00/);
    await screenshot('ledger-row');

    // Offline, a merchant credit waits in the outbox, which says whose wallet it is for.
    await api.stop();
    await expectText(shell.syncStatus, /^Offline/);
    await shell.go('Customers');
    await new CustomersScreen(page).row('Ada Lovelace').click();
    await new CustomerScreen(page).wallet.addCredit('50', 'Goodwill credit');
    await shell.outboxLink.click();
    const outbox = page.getByRole('list', { name: 'Pending changes' });
    await expectText(outbox, 'Add credit $50.00 to Ada Lovelace · USD wallet');
    await screenshot('outbox');
  });
});

import type { Locator, Page } from 'playwright-core';

/**
 * A wallet's balances, its writes pending sync and its history: the Wallet page, or the wallet
 * section of a customer's page (`within` narrows it to that part of the screen).
 */
export class WalletScreen {
  readonly balances: Locator;
  readonly history: Locator;
  /** Confirmed transactions (rows the server sent), newest first. */
  readonly historyRows: Locator;
  readonly noTransactions: Locator;
  /** Writes made here that the server has not confirmed: "Pending sync (N)". */
  readonly pending: Locator;
  readonly pendingItems: Locator;
  /** The merchant credit ("Add credit": no payment), not the gateway "Top Up". */
  readonly addCreditButton: Locator;
  readonly addCreditDialog: Locator;

  constructor(
    readonly page: Page,
    within: Locator = page.getByRole('main'),
  ) {
    this.balances = within.getByTestId('wallet-balances');
    this.history = within.getByRole('table', { name: 'Wallet history' });
    this.historyRows = this.history.getByTestId('history-row');
    this.noTransactions = this.history.getByText('No transactions yet');
    this.pending = within.getByTestId('pending-rows');
    this.pendingItems = this.pending.getByRole('listitem');
    this.addCreditButton = within.getByRole('button', { name: 'Add credit', exact: true });
    this.addCreditDialog = page.getByRole('dialog', { name: 'Add credit' });
  }

  /** The h1 of the Wallet page: "USD wallet". */
  heading(currency: string): Locator {
    return this.page.getByRole('heading', { level: 1, name: `${currency} wallet` });
  }

  /** One of the three balance tiles ("Balance", "Pending charges", "Available balance"): its value. */
  balance(term: 'Balance' | 'Pending charges' | 'Available balance'): Locator {
    // Each tile is a <div> holding a <dt> (the term) and its <dd> (the value).
    return this.balances
      .locator('div')
      .filter({ has: this.page.getByRole('term').getByText(term, { exact: true }) })
      .getByRole('definition');
  }

  /** A confirmed history row showing this text (an amount, a description). */
  historyRow(text: string | RegExp): Locator {
    return this.historyRows.filter({ hasText: text });
  }

  /** The question asked before a credit or adjustment above the reseller's confirmation amount. */
  get confirmDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Confirm a large amount' });
  }

  /** Opens the Add credit dialog, fills it in and submits, leaving whatever it shows next open. */
  async submitCredit(amount: string, description: string): Promise<void> {
    if (!(await this.addCreditDialog.isVisible())) {
      await this.addCreditButton.click();
      await this.addCreditDialog.waitFor();
    }
    await this.addCreditDialog.getByLabel('Amount').fill(amount);
    await this.addCreditDialog.getByLabel('Description').fill(description);
    await this.addCreditDialog.getByRole('button', { name: 'Add credit', exact: true }).click();
  }

  /** Opens the Add credit dialog, fills it in and submits; resolves once the dialog has closed. */
  async addCredit(amount: string, description?: string): Promise<void> {
    await this.addCreditButton.click();
    await this.addCreditDialog.waitFor();
    await this.addCreditDialog.getByLabel('Amount').fill(amount);
    if (description !== undefined) await this.addCreditDialog.getByLabel('Description').fill(description);
    await this.addCreditDialog.getByRole('button', { name: 'Add credit', exact: true }).click();
    await this.addCreditDialog.waitFor({ state: 'hidden' });
  }
}

import type { Locator, Page } from 'playwright-core';

/** The Payments screen's "Needs review" tab, and the dialog that applies a stray transfer. */
export class PaymentReviews {
  readonly tab: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly show: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: 'Needs review' });
    this.table = page.getByRole('table', { name: 'Payments that need review' });
    this.rows = page.getByTestId('review-row');
    this.show = page.getByLabel('Show');
    this.dialog = page.getByRole('dialog');
  }

  applyToWallet(row: Locator): Locator {
    return row.getByRole('button', { name: /^Apply to wallet…/ });
  }

  applyToPayment(row: Locator): Locator {
    return row.getByRole('button', { name: /^Apply to payment…/ });
  }

  /** Offered when the review's money came from a checkout of an invoice still open. */
  applyToInvoice(row: Locator): Locator {
    return row.getByRole('button', { name: /^Apply to the invoice…/ });
  }

  /** The dialog's target picker ("Wallet" or "Payment"). */
  target(kind: 'Wallet' | 'Payment'): Locator {
    return this.dialog.getByRole('combobox', { name: kind, exact: true });
  }

  confirm(amount: string): Locator {
    return this.dialog.getByRole('button', { name: `Apply ${amount}` });
  }
}

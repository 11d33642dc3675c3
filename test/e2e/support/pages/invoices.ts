import type { Locator, Page } from 'playwright-core';

/** The Invoices screen ("My Invoices" for a customer) and one invoice's page. */
export class InvoicesScreen {
  readonly table: Locator;
  readonly newInvoice: Locator;
  readonly dialog: Locator;
  /** The invoice page's status ("Unpaid", "Paid", "Void", …). */
  readonly status: Locator;
  readonly amountDue: Locator;
  readonly total: Locator;
  readonly finalize: Locator;
  readonly voidInvoice: Locator;
  readonly payFromWallet: Locator;
  readonly downloadPdf: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.table = main.getByRole('table', { name: 'Invoices' });
    this.newInvoice = main.getByRole('button', { name: 'New invoice' });
    this.dialog = page.getByRole('dialog', { name: 'New invoice' });
    this.status = page.getByTestId('invoice-status');
    this.amountDue = page.getByTestId('invoice-amount-due');
    this.total = page.getByTestId('invoice-total');
    this.finalize = main.getByRole('button', { name: 'Finalize' });
    this.voidInvoice = main.getByRole('button', { name: 'Void invoice' });
    this.payFromWallet = main.getByRole('button', { name: 'Pay from wallet' });
    this.downloadPdf = main.getByRole('button', { name: 'Download PDF' });
  }

  heading(name: string | RegExp): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }

  /** Writes a one-line draft for `customer` and submits it; the console opens the draft. */
  async createDraft(customer: string, line: { description: string; unitPrice: string }): Promise<void> {
    await this.newInvoice.click();
    await this.dialog.getByLabel('Customer').selectOption({ label: customer });
    await this.dialog.getByLabel('Description').fill(line.description);
    await this.dialog.getByLabel('Unit price').fill(line.unitPrice);
    await this.dialog.getByRole('button', { name: 'Create draft' }).click();
  }

  /** Voids the open invoice, confirming in the dialog. */
  async voidIt(): Promise<void> {
    await this.voidInvoice.click();
    await this.page
      .getByRole('dialog', { name: 'Void this invoice?' })
      .getByRole('button', { name: 'Void' })
      .click();
  }
}

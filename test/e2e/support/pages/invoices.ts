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
  readonly openPdf: Locator;
  readonly recordTransfer: Locator;
  /** "Record a bank transfer": the form, then its confirmation. */
  readonly transferDialog: Locator;
  readonly payments: Locator;

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
    this.openPdf = main.getByRole('button', { name: 'Open PDF' });
    this.recordTransfer = main.getByRole('button', { name: 'Record bank transfer…' });
    this.transferDialog = page.getByRole('dialog', { name: 'Record a bank transfer' });
    this.payments = main.getByRole('table', { name: 'Invoice payments' });
  }

  /** Fills the transfer form as staff read it off the bank statement, and asks to review it. */
  async reviewTransfer(transfer: { amount: string; reference: string; receivedOn: string }): Promise<void> {
    await this.transferDialog.getByLabel('Amount received').fill(transfer.amount);
    await this.transferDialog.getByLabel('Bank reference').fill(transfer.reference);
    await this.transferDialog.getByLabel('Day it arrived').fill(transfer.receivedOn);
    await this.transferDialog.getByRole('button', { name: 'Review transfer' }).click();
  }

  /**
   * Opens the PDF (the browser host: a new tab on a blob: URL) and answers the bytes of the blob that
   * tab was opened on. The page's CSP keeps fetch away from blob: URLs, so the blob is read where it
   * is made: createObjectURL is watched, and the tab's address must be the URL it answered.
   */
  async openedPdf(): Promise<Uint8Array> {
    await this.page.evaluate(() => {
      const made = new Map<string, Blob>();
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (object: Blob) => {
        const url = create(object);
        if (object instanceof Blob) made.set(url, object);
        return url;
      };
      (globalThis as unknown as { madeBlobs: Map<string, Blob> }).madeBlobs = made;
    });
    const [tab] = await Promise.all([this.page.waitForEvent('popup'), this.openPdf.click()]);
    const url = tab.url();
    const bytes = await this.page.evaluate(async (href) => {
      const blob = (globalThis as unknown as { madeBlobs: Map<string, Blob> }).madeBlobs.get(href);
      if (!blob) throw new Error(`the tab shows ${href}, which is no PDF this page made`);
      return { type: blob.type, bytes: Array.from(new Uint8Array(await blob.arrayBuffer())) };
    }, url);
    await tab.close();
    if (bytes.type !== 'application/pdf') throw new Error(`the tab shows ${bytes.type}, not a PDF`);
    return new Uint8Array(bytes.bytes);
  }

  heading(name: string | RegExp): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }

  /** Writes a one-line draft for `customer` and submits it; the console opens the draft. */
  async createDraft(customer: string, line: { description: string; unitPrice: string }): Promise<void> {
    await this.newInvoice.click();
    // As a user does among many customers: search, then choose ("Name (email)").
    await this.dialog.getByRole('searchbox', { name: 'Find customer' }).fill(customer);
    const picker = this.dialog.getByRole('combobox', { name: 'Customer', exact: true });
    const option = picker.locator('option', { hasText: `${customer} (` }).first();
    await option.waitFor({ state: 'attached' });
    await picker.selectOption((await option.getAttribute('value'))!);
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

import type { Locator, Page } from 'playwright-core';

/** The Top Up screen: the form, then the payment it started, followed live. */
export class TopUpScreen {
  readonly heading: Locator;
  readonly form: Locator;
  readonly amount: Locator;
  readonly presets: Locator;
  readonly methods: Locator;
  readonly saveMethod: Locator;
  /** Why there is no "Save this method": the customer has no payer yet, and where to add one. */
  readonly savesNeedPayer: Locator;
  readonly submit: Locator;
  /** Amount to the wallet, fee and total to pay, shown before paying. */
  readonly total: Locator;
  /** Where the started payment is followed: waiting, QR code, paid or ended. */
  readonly status: Locator;
  readonly waiting: Locator;
  readonly openPaymentPage: Locator;
  readonly tryAgain: Locator;
  readonly qrCode: Locator;
  /** The note shown while the sandbox (test mode) is the chosen method. */
  readonly testModeBanner: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = page.getByRole('heading', { level: 1, name: 'Top Up' });
    this.form = main.getByRole('form', { name: 'Top up' });
    this.amount = this.form.getByLabel('Amount', { exact: true });
    this.presets = this.form.getByRole('group', { name: 'Preset amounts' });
    this.methods = this.form.getByRole('group', { name: 'Payment method' });
    this.saveMethod = this.form.getByRole('checkbox', { name: /Save this method/ });
    this.savesNeedPayer = this.form.getByTestId('save-method-needs-payer');
    this.submit = this.form.getByRole('button', { name: /^(Pay |Continue to payment)/ });
    this.total = this.form.getByTestId('top-up-total');
    this.status = main.getByTestId('top-up-status');
    this.waiting = this.status.getByText(/Waiting for payment/);
    this.openPaymentPage = this.status.getByRole('button', { name: 'Open the payment page' });
    this.tryAgain = this.status.getByRole('button', { name: 'Try again' });
    this.qrCode = this.status.getByRole('img', { name: /QR code/ });
    this.testModeBanner = this.form.getByRole('note', { name: 'Test mode' });
  }

  /** The hint or error the amount field describes itself with (aria-describedby). */
  async amountMessage(): Promise<string> {
    const id = await this.amount.getAttribute('aria-describedby');
    return id ? ((await this.page.locator(`[id="${id}"]`).textContent()) ?? '') : '';
  }

  preset(label: string): Locator {
    return this.presets.getByRole('button', { name: label, exact: true });
  }

  method(label: string | RegExp): Locator {
    return this.methods.getByRole('radio', { name: label });
  }
}

/** A gateway's hosted page (the sandbox checkout the billing API serves), in a page of its own. */
export class SandboxCheckoutPage {
  readonly status: Locator;
  /** The banner every sandbox page opens with: "TEST MODE — no real money". */
  readonly testModeBanner: Locator;
  constructor(readonly page: Page) {
    this.status = page.getByRole('status');
    this.testModeBanner = page.getByRole('note', { name: 'Test mode' });
  }

  async press(button: 'Pay' | 'Decline' | 'Cancel' | 'Pay later (processing, then paid)'): Promise<void> {
    await this.page.getByRole('button', { name: button, exact: true }).click();
    await this.page.waitForLoadState();
  }
}

/** The Payments screen: filters and the list of top-ups. */
export class PaymentsScreen {
  readonly heading: Locator;
  readonly rows: Locator;
  readonly status: Locator;
  readonly method: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Payments' });
    this.rows = page.getByRole('table', { name: 'Payments' }).getByTestId('payment-row');
    this.status = page.getByRole('main').getByLabel('Status');
    this.method = page.getByRole('main').getByLabel('Method');
  }

  /** A row's link to the payment's own page. */
  open(row: Locator): Locator {
    return row.getByRole('link', { name: /^Open the / });
  }
}

/** One payment's page: its summary (amount, method, badges) and its status, live. */
export class PaymentScreen {
  readonly heading: Locator;
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Payment' });
    this.summary = page.getByRole('region', { name: 'Payment' }).getByTestId('top-up-status');
  }
}

import type { Locator, Page } from 'playwright-core';

/** The Payment settings screen: methods, per-currency limits, gateway credentials. */
export class PaymentSettingsScreen {
  readonly heading: Locator;
  readonly methods: Locator;
  readonly saveMethods: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = page.getByRole('heading', { level: 1, name: 'Payment settings' });
    this.methods = main.getByRole('form', { name: 'Methods' });
    this.saveMethods = this.methods.getByRole('button', { name: 'Save methods' });
  }

  /** The "Test mode — payments are not real" note beside the sandbox method. */
  testModeNote(): Locator {
    return this.methods.getByTestId('method-sandbox').getByRole('note', { name: 'Test mode' });
  }

  offer(method: string): Locator {
    return this.methods.getByRole('checkbox', { name: `Offer ${method}`, exact: true });
  }

  limits(currency: string): Locator {
    return this.page.getByRole('main').getByRole('form', { name: currency, exact: true });
  }

  minimum(currency: string): Locator {
    return this.limits(currency).getByLabel(`Minimum top-up (${currency})`);
  }

  credentials(gateway: string): Locator {
    return this.page.getByRole('main').getByRole('form', { name: `${gateway} gateway credentials` });
  }
}

import type { Locator, Page } from 'playwright-core';

/** A wallet's low-balance alerts on the Wallet page, and the alert banners above every screen. */
export class AlertsScreen {
  readonly settings: Locator;
  readonly threshold: Locator;
  readonly save: Locator;
  readonly saved: Locator;
  readonly runway: Locator;
  readonly history: Locator;
  readonly banners: Locator;
  readonly headerLowWallets: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.settings = main.getByRole('form', { name: 'Alert settings' });
    this.threshold = this.settings.getByLabel('Alert below (USD)');
    this.save = this.settings.getByRole('button', { name: 'Save alert settings' });
    this.saved = this.settings.getByRole('status');
    this.runway = main.getByTestId('wallet-runway');
    this.history = main.getByRole('list', { name: 'Alert history' });
    this.banners = page.getByTestId('alert-banner');
    this.headerLowWallets = page.getByTestId('header-low-wallets');
  }

  async setThreshold(amount: string): Promise<void> {
    await this.threshold.fill(amount);
    await this.save.click();
  }
}

import type { Locator, Page } from 'playwright-core';

/** The Dashboard: wallet cards, the balance chart and recent activity. */
export class DashboardScreen {
  readonly heading: Locator;
  readonly wallets: Locator;
  /** One card per wallet, each a link to its Wallet page. */
  readonly walletCards: Locator;
  readonly noWallets: Locator;
  readonly trend: Locator;
  /** The balance chart: an image whose accessible name says what it shows in words. */
  readonly chart: Locator;
  readonly activity: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Dashboard' });
    this.wallets = page.getByRole('region', { name: 'Wallets' });
    this.walletCards = this.wallets.getByTestId('wallet-card');
    this.noWallets = this.wallets.getByText('No wallets yet');
    this.trend = page.getByRole('region', { name: /^Balance — last \d+ days$/ });
    this.chart = this.trend.getByRole('img', { name: /^Balance of / });
    this.activity = page.getByRole('region', { name: 'Recent activity' });
  }

  /** The card of one customer's wallet ("Ada Lovelace, USD wallet", or "USD wallet" alone). */
  walletCard(name: string | RegExp): Locator {
    return this.wallets.getByRole('link', { name });
  }
}

import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { UI_TIMEOUT_MS } from '../expect-ui.js';

/** The header and navigation every screen shares. */
export class Shell {
  readonly header: Locator;
  readonly nav: Locator;
  /** The current wallet's balance (a button that opens the Wallet page), or "No wallet". */
  readonly balance: Locator;
  /** Online, Syncing…, Offline — last synced … */
  readonly syncStatus: Locator;
  /** "3 changes pending", shown while the outbox holds anything. */
  readonly outboxLink: Locator;
  readonly demoBadge: Locator;
  readonly signOutButton: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByRole('banner');
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.balance = page.getByTestId('header-balance');
    this.syncStatus = page.getByTestId('sync-status');
    this.outboxLink = page.getByTestId('outbox-link');
    this.demoBadge = this.header.getByTestId('demo-badge');
    this.signOutButton = this.header.getByRole('button', { name: 'Sign out' });
  }

  /** Opens the console at the browser host's READY URL (it carries the one-time token). */
  async open(host: { url(): Promise<string> }): Promise<void> {
    await this.page.goto(await host.url());
    await this.nav.waitFor();
  }

  /** The signed-in account's email, as the header shows it. */
  account(email: string): Locator {
    return this.header.getByText(email, { exact: true });
  }

  /** The reseller the console is signed in to, under the product name. */
  reseller(name: string): Locator {
    return this.header.getByText(name, { exact: true });
  }

  /** Follows a link of the main navigation; resolves once the app marks it as the current page. */
  async go(
    section:
      | 'Dashboard'
      | 'Wallet'
      | 'Customers'
      | 'Connection'
      | 'Users'
      | 'Webhooks'
      | 'Reconciliation'
      | 'Audit trail',
  ): Promise<void> {
    const link = this.navLink(section);
    await link.click();
    await expect
      .poll(() => link.getAttribute('aria-current'), {
        timeout: UI_TIMEOUT_MS,
        message: `${section} to be the current page`,
      })
      .toBe('page');
  }

  navLink(section: string): Locator {
    return this.nav.getByRole('link', { name: section, exact: true });
  }
}

import type { Locator, Page } from 'playwright-core';

/** A customer's "Top-up links" section: each link by its URL, its Revoke button and the confirmation. */
export class TopUpLinksSection {
  readonly region: Locator;
  readonly list: Locator;
  readonly confirmation: Locator;
  readonly confirmRevoke: Locator;
  readonly keepLink: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Top-up links' });
    this.list = this.region.getByRole('list', { name: 'Top-up links' });
    this.confirmation = page.getByRole('dialog', { name: 'Revoke this top-up link?' });
    this.confirmRevoke = this.confirmation.getByRole('button', { name: 'Revoke link' });
    this.keepLink = this.confirmation.getByRole('button', { name: 'Keep the link' });
  }

  /** The list item of the link whose URL is `url`. */
  item(url: string): Locator {
    return this.list.getByRole('listitem').filter({ hasText: url });
  }

  revokeButton(url: string): Locator {
    return this.item(url).getByRole('button', { name: 'Revoke', exact: true });
  }
}

import type { Locator, Page } from 'playwright-core';

/** The Webhooks screen: endpoints, the one-time secret, and an endpoint's delivery log. */
export class WebhooksScreen {
  readonly heading: Locator;
  readonly endpoints: Locator;
  readonly addButton: Locator;
  readonly addDialog: Locator;
  readonly secretDialog: Locator;
  readonly shownSecret: Locator;
  readonly deliveries: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Webhooks' });
    this.endpoints = page.getByRole('table', { name: 'Endpoints' }).getByTestId('webhook-endpoint');
    this.addButton = page.getByRole('main').getByRole('button', { name: 'Add endpoint' });
    this.addDialog = page.getByRole('dialog', { name: 'Add endpoint' });
    this.secretDialog = page.getByRole('dialog', { name: 'Signing secret' });
    this.shownSecret = page.getByTestId('webhook-secret');
    this.deliveries = page.getByRole('table', { name: 'Deliveries' }).getByTestId('webhook-delivery');
  }

  endpoint(url: string): Locator {
    return this.endpoints.filter({ hasText: url });
  }

  /** Adds an endpoint for `events`; resolves with the secret the dialog shows once, after closing it. */
  async add(url: string, events: string[]): Promise<string> {
    await this.addButton.click();
    await this.addDialog.waitFor();
    await this.addDialog.getByRole('textbox', { name: 'Endpoint URL' }).fill(url);
    // Start from none, then tick the ones asked for.
    for (const box of await this.addDialog.getByRole('checkbox').all()) await box.uncheck();
    for (const event of events) await this.addDialog.getByRole('checkbox', { name: event }).check();
    await this.addDialog.getByRole('button', { name: 'Add endpoint' }).click();
    await this.secretDialog.waitFor();
    const secret = (await this.shownSecret.textContent()) ?? '';
    await this.secretDialog.getByRole('button', { name: 'Done' }).click();
    await this.secretDialog.waitFor({ state: 'hidden' });
    return secret;
  }

  sendTest(url: string): Promise<void> {
    return this.page.getByRole('button', { name: `Send test event to ${url}` }).click();
  }

  refreshDeliveries(): Promise<void> {
    return this.page.getByRole('button', { name: 'Refresh' }).click();
  }

  delivery(eventType: string): Locator {
    return this.deliveries.filter({ hasText: eventType });
  }
}

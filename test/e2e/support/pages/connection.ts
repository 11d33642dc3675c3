import type { Locator, Page } from 'playwright-core';

/** The Connection screen: what the console is signed in to, and the form to sign in elsewhere. */
export class ConnectionScreen {
  readonly heading: Locator;
  /** The "Connected" card: server, reseller, who is signed in. */
  readonly current: Locator;
  readonly form: Locator;
  readonly url: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly connectButton: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Connection' });
    this.current = page.getByRole('region', { name: 'Connected' });
    this.form = page.getByRole('form', { name: 'Connect to a hosted API' });
    this.url = this.form.getByRole('textbox', { name: 'API URL' });
    this.email = this.form.getByRole('textbox', { name: 'Email', exact: true });
    this.password = this.form.getByLabel('Password', { exact: true });
    this.connectButton = this.form.getByRole('button', { name: 'Connect' });
    this.error = this.form.getByRole('alert');
  }

  /**
   * Signs in with email and password and waits until the header names that account: signed in,
   * whichever page the console shows next (after a sign-out it may return to the page it was on).
   */
  async signIn(credentials: { url: string; email: string; password: string }): Promise<void> {
    await this.heading.waitFor();
    await this.url.fill(credentials.url);
    await this.email.fill(credentials.email);
    await this.password.fill(credentials.password);
    await this.connectButton.click();
    await this.page.getByRole('banner').getByText(credentials.email, { exact: true }).waitFor();
  }
}

import type { Locator, Page } from 'playwright-core';

/** The Users screen: the reseller's logins, and the dialogs that add and change them. */
export class UsersScreen {
  readonly heading: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly addButton: Locator;
  readonly addDialog: Locator;
  readonly createdDialog: Locator;
  /** The made-up password, in whichever dialog shows it. */
  readonly shownPassword: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Users' });
    this.table = page.getByRole('table', { name: 'Users' });
    this.rows = this.table.getByTestId('user-row');
    this.addButton = page.getByRole('main').getByRole('button', { name: 'Add user' });
    this.addDialog = page.getByRole('dialog', { name: 'Add user' });
    this.createdDialog = page.getByRole('dialog', { name: 'User created' });
    this.shownPassword = page.getByTestId('one-time-password');
  }

  row(email: string): Locator {
    return this.rows.filter({ hasText: email });
  }

  /**
   * Adds a login with no password of the admin's choosing: resolves with the one the API made up,
   * as the dialog shows it once, after closing that dialog.
   */
  async addWithMadeUpPassword(email: string, role: 'Admin' | 'Support agent'): Promise<string> {
    await this.addButton.click();
    await this.addDialog.waitFor();
    await this.addDialog.getByRole('textbox', { name: 'Email' }).fill(email);
    await this.addDialog.getByRole('combobox', { name: 'Role' }).selectOption({ label: role });
    await this.addDialog.getByRole('button', { name: 'Create user' }).click();
    await this.createdDialog.waitFor();
    const password = (await this.createdDialog.getByTestId('one-time-password').textContent()) ?? '';
    await this.createdDialog.getByRole('button', { name: 'Done' }).click();
    await this.createdDialog.waitFor({ state: 'hidden' });
    return password;
  }

  /** Disables a login through its row's action and the confirmation dialog. */
  async disable(email: string): Promise<void> {
    await this.row(email)
      .getByRole('button', { name: `Disable ${email}` })
      .click();
    const dialog = this.page.getByRole('dialog', { name: `Disable ${email}?` });
    await dialog.getByRole('button', { name: `Disable ${email}` }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
}

import type { Locator, Page } from 'playwright-core';
import { WalletScreen } from './wallet.js';

/** The Customers list: search, rows, and the New customer dialog. */
export class CustomersScreen {
  readonly heading: Locator;
  readonly search: Locator;
  readonly rows: Locator;
  readonly newCustomerButton: Locator;
  readonly newCustomerDialog: Locator;
  readonly empty: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Customers' });
    this.search = page.getByLabel('Search customers');
    this.rows = page.getByTestId('customer-row');
    this.newCustomerButton = page.getByRole('main').getByRole('button', { name: 'New customer' }).first();
    this.newCustomerDialog = page.getByRole('dialog', { name: 'New customer' });
    this.empty = page.getByText(/^No customers yet/);
  }

  row(name: string): Locator {
    return this.rows.filter({ hasText: name });
  }

  /** The "Pending sync" mark of a customer the server has not confirmed yet. */
  pendingMark(name: string): Locator {
    return this.row(name).getByText('Pending sync');
  }

  /** Fills in and submits the New customer dialog; resolves once it has closed (the list stays). */
  async createCustomer(customer: { name: string; email: string }): Promise<void> {
    await this.newCustomerButton.click();
    await this.newCustomerDialog.waitFor();
    await this.newCustomerDialog.getByLabel('Name').fill(customer.name);
    await this.newCustomerDialog.getByLabel('Email').fill(customer.email);
    await this.newCustomerDialog.getByRole('button', { name: 'Create customer' }).click();
    await this.newCustomerDialog.waitFor({ state: 'hidden' });
  }
}

/** One customer: their wallets (add one, pick one) and the picked wallet's actions and history. */
export class CustomerScreen {
  readonly wallets: Locator;
  readonly addWalletForm: Locator;
  readonly currency: Locator;
  readonly addWalletButton: Locator;
  /** The new wallet's optional initial balance, typed as "Add credit" takes its amount. */
  readonly initialBalance: Locator;
  /** The fields around the currency select and the initial balance: label, box and hint or error. */
  readonly currencyField: Locator;
  readonly initialBalanceField: Locator;
  /** Links to each of the customer's wallets, by currency. */
  readonly walletChips: Locator;
  readonly notFound: Locator;
  readonly wallet: WalletScreen;
  /** Which language the customer's emails are in, said in a sentence, and the admin's choice of it. */
  readonly emails: Locator;
  readonly emailLanguage: Locator;
  readonly emailLanguageChoice: Locator;

  constructor(readonly page: Page) {
    this.wallets = page.getByRole('region', { name: 'Wallets' });
    this.addWalletForm = page.getByRole('form', { name: 'Add a wallet' });
    // The form's one select: its label ("New wallet in") is a wording choice, the form's name is not.
    this.currency = this.addWalletForm.getByRole('combobox');
    this.addWalletButton = this.addWalletForm.getByRole('button', { name: 'Add wallet' });
    this.initialBalance = this.addWalletForm.getByRole('textbox', { name: 'Initial balance' });
    this.currencyField = this.currency.locator('..');
    this.initialBalanceField = this.initialBalance.locator('..');
    this.walletChips = this.wallets.getByRole('link');
    this.notFound = page.getByRole('heading', { level: 1, name: 'Customer not found' });
    this.wallet = new WalletScreen(page);
    this.emails = page.getByRole('region', { name: 'Emails' });
    this.emailLanguage = this.emails.getByTestId('customer-email-language');
    this.emailLanguageChoice = this.emails.getByRole('combobox', { name: 'Receipts and notices in' });
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }

  /** `initialBalance` as a person types it ("50", "1,234.50"), or none. */
  async addWallet(currency: string, initialBalance?: string): Promise<void> {
    await this.currency.selectOption(currency);
    if (initialBalance !== undefined) await this.initialBalance.fill(initialBalance);
    await this.addWalletButton.click();
  }
}

import { describe, expect } from 'vitest';
import { expectCount, expectHidden, expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInToHostedApi } from './support/flows.js';
import { boxOf } from './support/layout.js';
import { CustomerScreen, CustomersScreen } from './support/pages/customers.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

/** The console retries with backoff (up to 15 s between attempts) once its API is back. */
const RECONNECT_TIMEOUT_MS = 40_000;

/** The currency and the initial balance of Create Wallet: fields of one height, boxes level (px). */
async function expectOneRow(customer: CustomerScreen): Promise<void> {
  const [currencyField, balanceField] = [
    await boxOf(customer.currencyField),
    await boxOf(customer.initialBalanceField),
  ];
  const [select, input] = [await boxOf(customer.currency), await boxOf(customer.initialBalance)];
  expect(balanceField.height, 'initial balance field height').toBeCloseTo(currencyField.height, 0);
  expect(balanceField.y, 'initial balance field top').toBeCloseTo(currencyField.y, 0);
  expect(input.height, 'initial balance box height').toBeCloseTo(select.height, 0);
  expect(input.y, 'initial balance box top').toBeCloseTo(select.y, 0);
}

describe('a wallet created with an initial balance', () => {
  test('reads 0 while queued, then the balance and its ledger row once the server confirmed it', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Northwind Proxies');
    const shell = await signInToHostedApi(page, host, {
      url: api.url,
      email: admin.email,
      password: admin.password,
    });
    await expectText(shell.syncStatus, 'Online');
    await shell.go('Customers');
    const customers = new CustomersScreen(page);
    await customers.createCustomer({ name: 'Ada Lovelace', email: 'ada@example.com' });
    await expectHidden(customers.pendingMark('Ada Lovelace'));
    await customers.row('Ada Lovelace').click();
    const customer = new CustomerScreen(page);
    await expectVisible(customer.heading('Ada Lovelace'));

    // The initial balance stands in the form's row as high as the currency select beside it, its
    // box level with the select's, with its hint and with a mistake said beside it.
    await customer.currency.selectOption('USD');
    await expectText(customer.initialBalanceField, 'In USD.');
    await expectOneRow(customer);

    // A mistyped amount is said at once, in the chosen currency's words, and nothing is queued.
    await customer.initialBalance.fill('12.345');
    await customer.addWalletButton.click();
    await expectCount(customer.walletChips, 0);
    await expect.poll(() => customer.initialBalance.getAttribute('aria-invalid')).toBe('true');
    await expectText(customer.initialBalanceField, 'USD has at most 2 decimals.');
    await expectOneRow(customer);

    // Queued while the API is away: the wallet reads 0, and says its initial balance waits to be sent.
    await api.stop();
    await expectText(shell.syncStatus, /^Offline/);
    await customer.addWallet('USD', '50');
    await expectCount(customer.walletChips, 1);
    await expectText(customer.walletChips, /USD.*Pending sync/);
    await expectText(customer.walletChips, /\$0\.00/);
    await expectText(customer.walletChips, 'Initial balance of $50.00 waiting to be sent');
    await screenshot('wallet-initial-balance-queued');

    // Back online: the server creates the wallet with its balance, credited once.
    await api.start();
    await expectText(shell.syncStatus, 'Online', RECONNECT_TIMEOUT_MS);
    await expectHidden(customer.walletChips.getByText('Pending sync'), RECONNECT_TIMEOUT_MS);
    await expectHidden(customer.walletChips.getByText(/waiting to be sent/));
    await expectText(customer.walletChips, /USD.*\$50\.00/);
    await customer.walletChips.first().click();
    await expectCount(customer.wallet.historyRows, 1);
    await expectText(customer.wallet.historyRows, /Credit.*\+\$50\.00.*Initial balance/);
    await screenshot('wallet-initial-balance-confirmed');

    const onServer = await api.customers(admin);
    const wallets = await api.wallets(admin, onServer[0]!.id);
    expect(wallets.map((w) => [w.currency, w.balance])).toEqual([['USD', 5000]]);
    const history = await api.transactions(admin, wallets[0]!.id);
    expect(history.map((t) => [t.type, t.amount, t.description])).toEqual([
      ['credit', 5000, 'Initial balance'],
    ]);
  });
  test('above the confirmation amount it is asked about first; above the maximum it is refused', async ({
    api,
    host,
    page,
  }) => {
    const admin = await api.createReseller('Northwind Proxies');
    const shell = await signInToHostedApi(page, host, {
      url: api.url,
      email: admin.email,
      password: admin.password,
    });
    await shell.go('Customers');
    const customers = new CustomersScreen(page);
    await customers.createCustomer({ name: 'Ada Lovelace', email: 'ada@example.com' });
    await customers.row('Ada Lovelace').click();
    const customer = new CustomerScreen(page);
    await expectVisible(customer.heading('Ada Lovelace'));

    // Over the maximum per movement (10,000,000.00 USD by default): said at the field, nothing queued.
    await customer.addWallet('USD', '99999999999');
    await expectText(customer.addWalletForm, /The most one movement can be is 10,000,000\.00 USD/);
    await expectCount(customer.walletChips, 0);

    // 1,500.00 is above the default confirmation amount (1,000.00): the console asks first.
    await customer.initialBalance.fill('1500');
    await customer.addWalletButton.click();
    const confirm = customer.wallet.confirmDialog;
    await expectText(confirm, /Add 1,500\.00 USD to Ada Lovelace.s wallet\?/);
    await confirm.getByRole('button', { name: 'Add 1,500.00 USD' }).click();
    await expectHidden(confirm);
    await expectText(customer.walletChips, /USD.*\$1,500\.00/);
    await expectHidden(customer.walletChips.getByText('Pending sync'));

    const onServer = await api.customers(admin);
    const wallets = await api.wallets(admin, onServer[0]!.id);
    expect(wallets.map((w) => [w.currency, w.balance])).toEqual([['USD', 150_000]]);
  });
  test('in Vietnamese: typed and shown as vi-VN writes đồng', async ({ api, host, page }) => {
    const admin = await api.createReseller('Northwind Proxies');
    const shell = await signInToHostedApi(page, host, {
      url: api.url,
      email: admin.email,
      password: admin.password,
    });
    await shell.go('Customers');
    const customers = new CustomersScreen(page);
    await customers.createCustomer({ name: 'Nguyễn Lan', email: 'lan@example.com' });
    const language = page.getByRole('combobox', { name: /^(Language|Ngôn ngữ)/ });
    // What was typed and chosen outlives a language switch: the search here, the form below.
    await customers.search.fill('Lan');
    await language.selectOption('vi');
    expect(await page.getByLabel('Tìm khách hàng').inputValue()).toBe('Lan');
    await customers.row('Nguyễn Lan').click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Nguyễn Lan' }));

    const form = page.getByRole('form', { name: 'Thêm ví' });
    await form.getByRole('combobox').selectOption('VND');
    await form.getByRole('textbox', { name: 'Số dư ban đầu' }).fill('1.500.000');
    // Switched to English and back: VND still chosen, the amount written in each language's marks.
    await language.selectOption('en');
    const english = new CustomerScreen(page);
    expect(await english.currency.inputValue()).toBe('VND');
    expect(await english.initialBalance.inputValue()).toBe('1500000');
    await language.selectOption('vi');
    expect(await form.getByRole('combobox').inputValue()).toBe('VND');
    await form.getByRole('button', { name: 'Thêm ví' }).click();
    const chips = page.getByRole('region', { name: 'Ví' }).getByRole('link');
    await expectText(chips, /VND.*1\.500\.000\s₫/);

    const onServer = await api.customers(admin);
    const wallets = await api.wallets(admin, onServer[0]!.id);
    expect(wallets.map((w) => [w.currency, w.balance])).toEqual([['VND', 1_500_000]]);
    const history = await api.transactions(admin, wallets[0]!.id);
    expect(history.map((t) => [t.type, t.amount])).toEqual([['credit', 1_500_000]]);
  });
});

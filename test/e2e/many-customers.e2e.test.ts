/**
 * A reseller with more customers and wallets than one search page (50): every customer can still be
 * chosen where a screen asks for one — the Invoices filter and a new invoice — and every wallet where
 * a screen switches wallets, by searching for them; the dashboard shows the first wallets and reads
 * more on demand. The console works offline here, from a cache the feed writer filled
 * (test/support/offline-host.ts).
 */
import { describe, expect, it } from 'vitest';
import type { AlertSettings } from '../../src/shared/api/alerts.js';
import type { EntityChange } from '../../src/shared/api/sync.js';
import { testCustomer, testInvoice, testWallet } from '../../src/shared/testing/records.js';
import { expectText, expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { InvoicesScreen } from './support/pages/invoices.js';
import { offlineConsole, seedCache } from './support/offline-console.js';
import { Shell } from './support/pages/shell.js';

/** Wallets below their alert line: more than the dashboard names (20). */
const LOW_WALLETS = 25;
const lowSettings: AlertSettings = {
  walletId: '',
  customerId: '',
  threshold: 5_000,
  runwayDays: null,
  channels: ['desktop'],
  emails: [],
  state: 'low',
  stateSince: '',
  updatedAt: '2030-01-02T00:00:00.000Z',
};

/** Customers: well over one search page. The one the tests look for sorts last by name. */
const CUSTOMERS = 120;
const LAST = { id: 'cus_zoe', name: 'Zoe Tran', email: 'zoe@example.com' };

/**
 * The cache: CUSTOMERS customers, a USD wallet and an invoice each, the first LOW_WALLETS wallets
 * below their alert line; the last customer also a VND wallet, and two invoices.
 */
function changes(): Array<Omit<EntityChange, 'seq'>> {
  const all: Array<Omit<EntityChange, 'seq'>> = [];
  for (let i = 0; i < CUSTOMERS - 1; i++) {
    const customer = testCustomer({
      id: `cus_${i}`,
      name: `Customer ${String(i).padStart(3, '0')}`,
      email: `c${i}@example.com`,
    });
    all.push({ entity: 'customer', id: customer.id, op: 'create', data: customer });
    const wallet = testWallet({ id: `wal_${i}`, customerId: customer.id, currency: 'USD' });
    all.push({ entity: 'wallet', id: wallet.id, op: 'create', data: wallet });
    if (i < LOW_WALLETS) {
      // Below its line since i minutes past midnight: the first is the one low the longest.
      const since = new Date(Date.UTC(2030, 0, 1, 0, i)).toISOString();
      const data = { ...lowSettings, walletId: wallet.id, customerId: customer.id, stateSince: since };
      all.push({ entity: 'wallet_alert_settings', id: wallet.id, op: 'update', data });
    }
    const invoice = testInvoice({
      id: `inv_${i}`,
      number: `INV-2030-${String(i).padStart(6, '0')}`,
      customerId: customer.id,
    });
    all.push({ entity: 'invoice', id: invoice.id, op: 'create', data: invoice });
  }
  all.push({ entity: 'customer', id: LAST.id, op: 'create', data: testCustomer(LAST) });
  for (const currency of ['USD', 'VND'] as const) {
    const wallet = testWallet({ id: `wal_zoe_${currency}`, customerId: LAST.id, currency });
    all.push({ entity: 'wallet', id: wallet.id, op: 'create', data: wallet });
  }
  for (const n of [1, 2]) {
    const invoice = testInvoice({
      id: `inv_zoe_${n}`,
      number: `INV-2030-90000${n}`,
      customerId: LAST.id,
    });
    all.push({ entity: 'invoice', id: invoice.id, op: 'create', data: invoice });
  }
  return all;
}

const offline = offlineConsole({ name: 'many-customers', seed: (dir) => seedCache(dir, changes()) });

describe('choosing one customer among many', () => {
  it('the Invoices filter finds the last customer by name, and lists only their invoices', async () => {
    const { page, pageErrors } = offline;
    await new Shell(page).navLink('Invoices').click();
    const invoices = new InvoicesScreen(page);
    const main = page.getByRole('main');
    const rows = invoices.table.locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT_MS }).toBe(100);
    // The first page of customers is offered, and the picker says how many more a search reaches.
    await expectText(main, `${CUSTOMERS - 50} more customers: type a name, email or reference`);

    await main.getByRole('searchbox', { name: 'Find customer' }).fill('zoe');
    const picker = main.getByRole('combobox', { name: 'Customer', exact: true });
    await picker.locator('option', { hasText: 'Zoe Tran (zoe@example.com)' }).waitFor({ state: 'attached' });
    await picker.selectOption(LAST.id);
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT_MS }).toBe(2);
    expect(await rows.locator('td:first-child').allInnerTexts()).toEqual([
      'INV-2030-900002',
      'INV-2030-900001',
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('a new invoice can be written for that customer (offline: queued to send)', async () => {
    const { page, pageErrors } = offline;
    const invoices = new InvoicesScreen(page);
    await invoices.createDraft(LAST.name, { description: 'Proxy plan', unitPrice: '9.00' });
    await expectVisible(page.getByRole('main').getByText(LAST.name).first());
    await expectText(invoices.status, 'Pending sync');
    expect(pageErrors).toEqual([]);
  });

  it('the dashboard shows the first wallets and the longest low, and how many more there are', async () => {
    const { page, pageErrors } = offline;
    await new Shell(page).navLink('Dashboard').click();
    const cards = page.getByTestId('wallet-card');
    await expect.poll(() => cards.count(), { timeout: UI_TIMEOUT_MS }).toBe(8);
    await expectText(page.getByRole('main'), `Showing 8 of ${CUSTOMERS + 1}`);
    await page.getByRole('button', { name: 'Show more wallets' }).click();
    await expect.poll(() => cards.count(), { timeout: UI_TIMEOUT_MS }).toBe(56);
    await expectText(page.getByRole('main'), `Showing 56 of ${CUSTOMERS + 1}`);
    // Each card names its customer, by name: the next ones follow the first eight without a gap.
    await expectVisible(cards.first().getByText('Customer 000'));
    await expectVisible(cards.nth(8).getByText('Customer 008'));
    await expectVisible(cards.nth(55).getByText('Customer 055'));
    // The low wallets: all counted in the header, the 20 low the longest named, the rest counted.
    await expectText(page.getByTestId('header-low-wallets'), `⚠ ${LOW_WALLETS}`);
    await expectVisible(page.getByRole('banner').getByRole('link', { name: `${LOW_WALLETS} low wallets` }));
    const low = page.getByTestId('low-wallets');
    expect(await low.getByRole('listitem').allInnerTexts()).toEqual(
      Array.from({ length: 20 }, (_, i) =>
        expect.stringContaining(`Customer ${String(i).padStart(3, '0')} · USD`),
      ),
    );
    await expectText(low, `…and ${LOW_WALLETS - 20} more wallets below their lines.`);
    expect(pageErrors).toEqual([]);
  });

  it("the Wallet page switches to the last customer's wallet by searching for it", async () => {
    const { page, pageErrors } = offline;
    await new Shell(page).navLink('Wallet').click();
    const main = page.getByRole('main');
    const picker = main.getByRole('combobox', { name: 'Wallet', exact: true });
    await expectVisible(picker);
    await expectText(main, `${CUSTOMERS + 1 - 50} more wallets: type a customer or a currency`);
    await main.getByRole('searchbox', { name: 'Find wallet' }).fill('zoe');
    await picker.locator('option', { hasText: 'Zoe Tran — VND' }).waitFor({ state: 'attached' });
    await picker.selectOption('wal_zoe_VND');
    await expectVisible(main.getByRole('heading', { name: 'VND wallet' }));
    await expectText(main, 'Zoe Tran');
    // The header names the wallet chosen; back on the dashboard, the chart draws it.
    await expectText(page.getByTestId('header-balance'), 'Zoe Tran · VND');
    await new Shell(page).navLink('Dashboard').click();
    await expectText(page.getByRole('region', { name: 'Balance — last 30 days' }), 'Zoe Tran · VND');
    expect(pageErrors).toEqual([]);
  });
});

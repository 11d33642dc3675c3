/**
 * Long lists read a page at a time: the Payments, Orders, Invoices and Support queue screens show the newest
 * records and, under them, how many and a button for older ones, until every record is shown; the
 * Subscriptions screen does the same with the soonest renewals. The console works offline here, from a
 * cache the feed writer filled (test/support/offline-host.ts).
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { EntityChange } from '../../src/shared/api/sync.js';
import {
  testCustomer,
  testInvoice,
  testOrder,
  testPayment,
  testSubscription,
  testTicket,
  testWallet,
} from '../../src/shared/testing/records.js';
import { UI_TIMEOUT_MS } from './support/expect-ui.js';
import { offlineConsole, seedCache } from './support/offline-console.js';
import { Shell } from './support/pages/shell.js';

/** Records of each kind: more than one page (100), not a whole number of pages. */
const RECORDS = 137;
/** Record i was made i minutes after the first; the list shows the newest, RECORDS - 1, first. */
const madeAt = (i: number) => new Date(Date.UTC(2026, 2, 1, 8) + i * 60_000).toISOString();
/** Subscription i renews i hours after the first; the list shows the soonest, 0, first. */
const renewsAt = (i: number) => new Date(Date.UTC(2026, 3, 1, 8) + i * 3_600_000).toISOString();
/**
 * Ended subscriptions, whose periods all ended before any live one renews: more than a page of the
 * old list (500), which read the soonest of all and then dropped the ended ones, so it showed none.
 */
const ENDED = 520;

/**
 * The cache as a sync leaves it: one customer and wallet, RECORDS payments, orders, invoices, tickets
 * and live subscriptions, and ENDED ended subscriptions.
 */
function changes(): Array<Omit<EntityChange, 'seq'>> {
  const all: Array<Omit<EntityChange, 'seq'>> = [
    { entity: 'customer', id: 'cus_1', op: 'create', data: testCustomer() },
    { entity: 'wallet', id: 'wal_1', op: 'create', data: testWallet() },
  ];
  for (let i = 0; i < RECORDS; i++) {
    const at = { createdAt: madeAt(i), updatedAt: madeAt(i) };
    const payment = testPayment({ id: `pay_${i}`, amount: 100 * (i + 1), status: 'paid', ...at });
    const order = testOrder({ id: `ord_${i}`, number: `ORD-${1000 + i}`, status: 'completed', ...at });
    const invoice = testInvoice({ id: `inv_${i}`, number: invoiceNumber(i), issuedAt: madeAt(i), ...at });
    // The support queue opens on open tickets, latest activity first.
    const ticket = testTicket({ id: `tkt_${i}`, subject: `Ticket ${i}`, ...at });
    const subscription = testSubscription({ id: `sub_${i}`, currentPeriodEnd: renewsAt(i), ...at });
    all.push(
      { entity: 'subscription', id: subscription.id, op: 'create', data: subscription },
      { entity: 'ticket', id: ticket.id, op: 'create', data: ticket },
      { entity: 'payment', id: payment.id, op: 'create', data: payment },
      { entity: 'order', id: order.id, op: 'create', data: order },
      { entity: 'invoice', id: invoice.id, op: 'create', data: invoice },
    );
  }
  for (let i = 0; i < ENDED; i++) {
    const ended = testSubscription({
      id: `sub_ended_${i}`,
      status: i % 2 ? 'expired' : 'cancelled',
      autoRenew: false,
      currentPeriodEnd: madeAt(i % RECORDS),
    });
    all.push({ entity: 'subscription', id: ended.id, op: 'create', data: ended });
  }
  return all;
}

const offline = offlineConsole({ name: 'older-records', seed: (dir) => seedCache(dir, changes()) });

/** What a row of each screen shows of record i, and how to read that off the rows. */
const byTime = {
  key: (i: number) => madeAt(i),
  read: (rows: Locator) =>
    rows.locator('time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime'))),
};
const byRenewal = {
  key: renewsAt,
  read: byTime.read,
};
const invoiceNumber = (i: number) => `INV-2026-${String(i).padStart(6, '0')}`;
const byNumber = {
  key: invoiceNumber,
  read: (rows: Locator) => rows.locator('td:first-child').allInnerTexts(),
};

const newest = (key: (i: number) => string) => (n: number) =>
  Array.from({ length: n }, (_, i) => key(RECORDS - 1 - i));
const soonest = (key: (i: number) => string) => (n: number) => Array.from({ length: n }, (_, i) => key(i));

describe.each([
  ['Payments', 'Payments', 'Show older payments', byTime, newest, 'newest'],
  ['Orders', 'Orders', 'Show older orders', byTime, newest, 'newest'],
  ['Invoices', 'Invoices', 'Show older invoices', byNumber, newest, 'newest'],
  ['Support queue', 'Tickets', 'Show older tickets', byTime, newest, 'newest'],
  ['Subscriptions', 'Subscriptions', 'Show later renewals', byRenewal, soonest, 'soonest'],
])('the %s screen', (section, tableName, older, shown, order, first) => {
  it(`shows the ${first} hundred first, then every other record on asking, each once and in order`, async () => {
    const { page, pageErrors } = offline;
    await new Shell(page).navLink(section).click();
    const rows = page.getByRole('table', { name: tableName }).locator('tbody tr');
    const more = page.getByRole('button', { name: older });
    const inOrder = order(shown.key);

    // The first page: the hundred first in the list's order, and a way to the rest.
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT_MS }).toBe(100);
    await page.getByText(`Showing the ${first} 100`).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await shown.read(rows)).toEqual(inOrder(100));

    await more.click();
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT_MS }).toBe(RECORDS);
    await page.getByText(`Showing all ${RECORDS}`).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await more.count()).toBe(0);
    // The next page continues exactly where the first one ended: every record once, in order.
    expect(await shown.read(rows)).toEqual(inOrder(RECORDS));
    expect(pageErrors).toEqual([]);
  });
});

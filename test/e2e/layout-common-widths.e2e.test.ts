import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectCount, expectText, expectVisible, textOf } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { openDemoOnline, signInAsAdmin } from './support/flows.js';
import {
  boxOf,
  COMMON_SIZES,
  cutText,
  dateTimeOverflow,
  expectInside,
  overlappingPairs,
  selectOverflow,
  viewportBox,
} from './support/layout.js';
import { CustomerScreen, CustomersScreen } from './support/pages/customers.js';
import { DashboardScreen } from './support/pages/dashboard.js';
import { Shell } from './support/pages/shell.js';

/** 999,999,999.99 USD in minor units: the longest balance a person is likely to see. */
const LONG_AMOUNT = 99_999_999_999;

/** Every item of the header, by what a person reads on it. */
function headerItems(shell: Shell, who: { reseller: string; email: string }): Array<[string, Locator]> {
  const header = shell.header;
  return [
    ['brand', header.getByText('RC', { exact: true })],
    ['product name', header.getByText('Reseller Console', { exact: true })],
    ['reseller', shell.reseller(who.reseller)],
    ['balance', shell.balance],
    ['header Top Up', header.getByRole('button', { name: 'Top Up' })],
    ['sync status', shell.syncStatus],
    ['outbox pill', shell.outboxLink],
    ['low wallets', header.getByTestId('header-low-wallets')],
    ['demo badge', shell.demoBadge],
    ['account', shell.account(who.email)],
    ['Sign out', shell.signOutButton],
    ['search', header.getByRole('button', { name: /^Search/ })],
    ['language', header.getByRole('combobox', { name: 'Language' })],
    ['theme', header.getByRole('button', { name: /^Theme:/ })],
  ];
}

/** Every item of `items` on screen lies wholly inside the header: none runs off its end, cut. */
async function expectAllInHeader(shell: Shell, items: Array<[string, Locator]>, where: string) {
  for (const [name, item] of items) {
    if ((await item.count()) === 0 || !(await item.first().isVisible())) continue;
    await expectInside(item.first(), shell.header, `${name} inside the header ${where}`);
  }
}

/** The text of `locator` and of its descendants that is wider than its box (cut, ellipsis or not). */
async function overflowingText(locator: Locator): Promise<string[]> {
  return locator.evaluate((element) => {
    // Runs in the page (the test's own types know no DOM globals).
    interface Shown {
      scrollWidth: number;
      clientWidth: number;
      innerText: string;
      querySelectorAll(selector: string): Iterable<Shown>;
    }
    const root = element as unknown as Shown;
    return [root, ...root.querySelectorAll('*')]
      .filter((e) => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
      .map((e) => `${e.innerText}: ${e.scrollWidth} > ${e.clientWidth}`);
  });
}

/** At each common size: no two header items overlap, none is cut off, and Sign out is wholly in the window. */
async function expectHeaderUsable(
  page: Page,
  shell: Shell,
  who: { reseller: string; email: string },
  screenshot: (n: string) => Promise<string>,
  name: string,
) {
  for (const size of COMMON_SIZES) {
    await page.setViewportSize(size);
    await expectVisible(shell.signOutButton);
    expect(await overlappingPairs(headerItems(shell, who)), `header at ${size.width}×${size.height}`).toEqual(
      [],
    );
    await expectAllInHeader(shell, headerItems(shell, who), `at ${size.width}`);
    await expectInside(shell.signOutButton, await viewportBox(page), `Sign out at ${size.width}`);
    await expectInside(shell.signOutButton, shell.header, `Sign out in the header at ${size.width}`);
    // The email may shorten beside long balances: its whole text is its own title.
    expect(await shell.account(who.email).getAttribute('title'), `email's title at ${size.width}`).toBe(
      who.email,
    );
    // "Online" whole, never "O…"; only the long offline sentence may shorten.
    if ((await textOf(shell.syncStatus)) === 'Online')
      expect(await cutText(shell.syncStatus), `sync status at ${size.width}`).toBe('');
    await screenshot(`${name}-${size.width}x${size.height}`);
  }
}

describe('the console at common window sizes (1024×700 and up)', () => {
  test('a very long balance stays inside its card and its history cell; the history keeps a readable Description', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Contoso Hosting International');
    const customerId = await api.createCustomer(admin, {
      name: 'Acme Industrial Supplies Ltd',
      email: 'accounts.payable@acme-industrial.example.com',
    });
    const walletId = await api.createWallet(admin, customerId, 'USD');
    // Above the default maximum per movement: the admin raises it first, as a migrating reseller would.
    await api.setMovementLimit(admin, {
      currency: 'USD',
      confirmAbove: LONG_AMOUNT,
      maxPerMovement: LONG_AMOUNT,
    });
    await api.credit(
      admin,
      walletId,
      LONG_AMOUNT,
      'Opening balance carried over from the previous billing system',
    );

    const shell = await signInAsAdmin(page, host, api, admin);
    await expectText(shell.syncStatus, 'Online');

    for (const size of COMMON_SIZES) {
      await page.setViewportSize(size);
      await shell.go('Dashboard');
      const dashboard = new DashboardScreen(page);
      const card = dashboard.walletCards.first();
      await expectText(card, '$999,999,999.99');
      for (const amount of await card.getByText('$999,999,999.99', { exact: true }).all()) {
        await expectInside(amount, card, `a dashboard card's amount at ${size.width}`);
      }
      await screenshot(`dashboard-${size.width}x${size.height}`);

      await shell.go('Customers');
      await new CustomersScreen(page).row('Acme Industrial Supplies Ltd').click();
      const customer = new CustomerScreen(page);
      await expectVisible(customer.heading('Acme Industrial Supplies Ltd'));
      await expectCount(customer.wallet.historyRows, 1);
      const row = customer.wallet.historyRows.first();
      const amountCell = row.getByRole('cell').nth(2);
      await expectText(amountCell, '+$999,999,999.99');
      await expectInside(
        amountCell.getByText('+$999,999,999.99', { exact: true }),
        amountCell,
        `the history amount at ${size.width}`,
      );
      // Any date and time shows whole: an ellipsis there hid the time at 1024 px.
      const dateCell = row.getByRole('cell').first();
      expect(await cutText(dateCell), `the history date at ${size.width}`).toBe('');
      expect(
        await dateTimeOverflow(dateCell, 'en-US'),
        `the widest date at ${size.width}`,
      ).toBeLessThanOrEqual(0);
      const description = customer.wallet.history.getByRole('columnheader', { name: 'Description' });
      expect((await boxOf(description)).width, `Description at ${size.width}`).toBeGreaterThanOrEqual(120);
      expect((await boxOf(row.getByRole('cell').nth(4))).width).toBeGreaterThanOrEqual(120);
      // The wallet chip and the balance tiles of the Wallet page hold the amount too.
      for (const amount of await customer.walletChips.getByText('$999,999,999.99', { exact: true }).all()) {
        await expectInside(amount, customer.walletChips.first(), `the wallet chip's amount at ${size.width}`);
      }
      await screenshot(`customer-${size.width}x${size.height}`);
      await screenshot(`history-${size.width}x${size.height}`, customer.wallet.history);
    }
    const who = { reseller: admin.name, email: admin.email };
    await expectHeaderUsable(page, shell, who, screenshot, 'header-online');

    // The fullest header a hosted API gives: offline, a change pending, a named wallet in context.
    await api.stop();
    await expectText(shell.syncStatus, /^Offline/);
    await new CustomerScreen(page).wallet.addCredit('25', 'Queued while offline');
    await expectText(shell.outboxLink, '1 change pending');
    await expectHeaderUsable(page, shell, who, screenshot, 'header-offline');
  });

  test('in Vietnamese at 1024 px, every choice on the lists shows whole, filters included', async ({
    host,
    page,
  }) => {
    const shell = await openDemoOnline(page, host);
    await page.setViewportSize(COMMON_SIZES[0]);
    await shell.header.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    for (const list of ['Thanh toán', 'Đơn hàng', 'Gói đăng ký', 'Hóa đơn']) {
      await page
        .getByRole('navigation', { name: 'Chính' })
        .getByRole('link', { name: list, exact: true })
        .click();
      const filters = page.getByRole('main').getByRole('combobox');
      await expectVisible(filters.first());
      for (const filter of await filters.all()) {
        const name = await filter.evaluate(
          (e) => (e as unknown as { labels: Array<{ textContent: string }> }).labels[0]?.textContent,
        );
        expect(await selectOverflow(filter), `${list}: ${name ?? 'a filter'}`).toBeLessThanOrEqual(0);
      }
    }
  });

  test('on the local demo, the outbox pill and the demo badge sit side by side with the named wallet', async ({
    host,
    page,
    screenshot,
  }) => {
    const shell = new Shell(page);
    await shell.open(host);
    await expectVisible(shell.demoBadge);
    await expectText(shell.syncStatus, 'Online');
    await shell.go('Customers');
    const customers = new CustomersScreen(page);
    await customers.rows.first().click();
    const customer = new CustomerScreen(page);
    await expectVisible(customer.wallet.history);

    // An adjustment the server refuses keeps "1 rejected" in the header until it is discarded.
    await page.getByRole('main').getByRole('button', { name: 'Adjust', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Adjust balance' });
    await dialog.getByLabel('Amount').fill('-9999999');
    await dialog.getByLabel('Reason').fill('More than the wallet holds');
    await dialog.getByRole('button', { name: 'Adjust balance' }).click();
    // Above the demo's confirmation amount (1,000.00 USD): the console asks first.
    await page
      .getByRole('dialog', { name: 'Confirm a large amount' })
      .getByRole('button', { name: /^Adjust/ })
      .click();
    await dialog.waitFor({ state: 'hidden' });
    await expectText(shell.outboxLink, 'rejected');
    // The toast said "pending sync" when it was queued; now it says what became of it, in money.
    const said = page.getByRole('status').filter({ hasText: 'More than the wallet holds' });
    // The refusal's reason worded by the console (refusal-words.ts), amounts in its own format.
    await expectText(
      said,
      /— rejected: The available balance is \$[\d,]+\.\d\d; \$9,999,999\.00 is needed\./,
    );
    await expectText(
      page.getByRole('main').getByTestId('pending-rows'),
      /available balance is \$[\d,]+\.\d\d/,
    );
    // The Outbox reads the worded reason only; the server's code is there to copy for support.
    await shell.outboxLink.click();
    const reason = page.getByRole('main').getByRole('note');
    await expectText(
      reason,
      /^The server refused it: The available balance is \$[\d,]+\.\d\d; \$9,999,999\.00 is needed\.$/,
    );
    await expectVisible(
      page.getByRole('main').getByRole('button', { name: 'Copy the refusal code for support' }),
    );
    await page.goBack();

    // And a wallet below its alert line: "⚠ 1 low wallet" joins the header (the fullest it gets).
    await shell.balance.click();
    const alerts = page.getByRole('main').getByRole('form', { name: 'Alert settings' });
    await alerts.getByLabel(/^Alert below/).fill('999999999');
    await alerts.getByRole('button', { name: 'Save alert settings' }).click();
    await expectVisible(shell.header.getByTestId('header-low-wallets'));

    const demo = { reseller: 'Demo Reseller', email: 'admin@demo.reseller.local' };
    await expectHeaderUsable(page, shell, demo, screenshot, 'header-demo');

    // Vietnamese words are longer: at 1280 px "Đăng xuất" ran under the language menu, and
    // "Trực tuyến" read "Trực…".
    await shell.header.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    const header = shell.header;
    for (const size of COMMON_SIZES) {
      await page.setViewportSize(size);
      await expectText(shell.syncStatus, 'Trực tuyến');
      const items: Array<[string, Locator]> = [
        ['balance', shell.balance],
        ['sync status', shell.syncStatus],
        ['outbox pill', shell.outboxLink],
        ['low wallets', header.getByTestId('header-low-wallets')],
        ['demo badge', shell.demoBadge],
        ['account', shell.account('admin@demo.reseller.local')],
        ['Sign out', header.getByRole('button', { name: 'Đăng xuất' })],
        ['search', header.getByRole('button', { name: /^Tìm kiếm/ })],
        ['language', header.getByRole('combobox', { name: /^Ngôn ngữ/ })],
        ['theme', header.getByRole('button', { name: /^Giao diện/ })],
      ];
      // The console's own words are never cut: at 1280 px they read "Bảng điều khiển đ…" and
      // "Quản trị viê…". (Below 1100 px the product name and the role give way to the mark and Sign
      // out's title.) Only data shortens, its whole text in a title: the email, a wallet's name.
      const labels: Array<[string, Locator]> = [
        ['product name', header.getByText('Bảng điều khiển đại lý', { exact: true })],
        ['role', header.getByText('Quản trị viên đại lý', { exact: true })],
        ['sync status', shell.syncStatus],
        ['outbox pill', shell.outboxLink],
        ['demo badge', shell.demoBadge],
        ['Sign out', header.getByRole('button', { name: 'Đăng xuất' })],
        ['search', header.getByRole('button', { name: /^Tìm kiếm/ })],
        ['language', header.getByRole('combobox', { name: /^Ngôn ngữ/ })],
      ];
      for (const [name, label] of labels) {
        if (!(await label.isVisible())) continue;
        expect(await overflowingText(label), `${name} in Vietnamese at ${size.width}`).toEqual([]);
        await expectInside(label, header, `${name} inside the header in Vietnamese at ${size.width}`);
      }
      expect(await overlappingPairs(items), `Vietnamese header at ${size.width}`).toEqual([]);
      await expectAllInHeader(shell, items, `in Vietnamese at ${size.width}`);
      expect(await cutText(shell.syncStatus), `Vietnamese sync status at ${size.width}`).toBe('');
      await expectInside(
        header.getByRole('button', { name: 'Đăng xuất' }),
        await viewportBox(page),
        `Đăng xuất at ${size.width}`,
      );
      await screenshot(`header-demo-vi-${size.width}x${size.height}`);
    }

    // The orders and renewals tables fit at each common width, in both languages: their buttons'
    // words wrap rather than run "Cancel auto-renew" off the card's edge.
    for (const [section, rowId] of [
      ['Subscriptions', 'renewal-row'],
      ['Orders', 'order-row'],
    ] as const) {
      await shell.header.getByRole('combobox', { name: /^(Language|Ngôn ngữ)/ }).selectOption('en');
      await shell.navLink(section).click();
      // Named in the console's language: found by its rows.
      const table = page.getByRole('table').filter({ has: page.getByTestId(rowId) });
      await expectVisible(table.getByTestId(rowId).first());
      for (const language of ['vi', 'en'] as const) {
        await shell.header.getByRole('combobox', { name: /^(Language|Ngôn ngữ)/ }).selectOption(language);
        for (const size of COMMON_SIZES) {
          await page.setViewportSize(size);
          await screenshot(`${section.toLowerCase()}-${language}-${size.width}x${size.height}`);
          const overflow = await table.evaluate(
            (t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth,
          );
          expect(
            overflow,
            `${section} in ${language} at ${size.width}: pixels past the card`,
          ).toBeLessThanOrEqual(0);
        }
      }
    }
  });
});

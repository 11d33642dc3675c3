import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { namesWithoutTheirText } from './support/accessible-names.js';
import { expectCount, expectText, expectVisible, textOf, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { signInToHostedApi } from './support/flows.js';
import { CustomersScreen } from './support/pages/customers.js';
import { Shell } from './support/pages/shell.js';

/** A VND amount as vi-VN writes it: dot-grouped đồng, no minor unit ("1.250.000 ₫"). */
const VND = /(?<![\d,.])\d{1,3}(\.\d{3})*\s₫/u;

/** The page's one h1, once it reads `name`. */
async function expectHeading(page: Page, name: string | RegExp): Promise<void> {
  await expectVisible(page.getByRole('heading', { level: 1, name, exact: true }));
}

async function goTo(page: Page, link: string): Promise<void> {
  const nav = page.getByRole('navigation');
  const target = nav.getByRole('link', { name: link, exact: true });
  await target.click();
  await expect
    .poll(() => target.getAttribute('aria-current'), { timeout: UI_TIMEOUT_MS, message: `${link} current` })
    .toBe('page');
}

/** The main screens an admin opens: the nav link, the page's heading, a name for screenshots. */
const screensIn: Record<'en' | 'vi', Array<[link: string, heading: string | RegExp, name: string]>> = {
  en: [
    ['Customers', 'Customers', 'customers'],
    ['Wallet', /^[A-Z]{3} wallet$/u, 'wallet'],
    ['Payments', 'Payments', 'payments'],
    ['Invoices', 'Invoices', 'invoices'],
    ['Orders', 'Orders', 'orders'],
    ['Subscriptions', 'Subscriptions', 'subscriptions'],
    ['Payment settings', 'Payment settings', 'payment-settings'],
    ['Users', 'Users', 'users'],
    ['Audit trail', 'Audit trail', 'audit'],
    ['Support queue', 'Support queue', 'support-queue'],
    ['Catalog', 'Catalog', 'catalog'],
    ['Webhooks', 'Webhooks', 'webhooks'],
    ['Reconciliation', 'Reconciliation', 'reconciliation'],
    ['Connection', 'Connection', 'connection'],
  ],
  vi: [
    ['Khách hàng', 'Khách hàng', 'customers'],
    ['Ví', /^Ví [A-Z]{3}$/u, 'wallet'],
    ['Thanh toán', 'Thanh toán', 'payments'],
    ['Hóa đơn', 'Hóa đơn', 'invoices'],
    ['Đơn hàng', 'Đơn hàng', 'orders'],
    ['Gói đăng ký', 'Gói đăng ký', 'subscriptions'],
    ['Cài đặt thanh toán', 'Cài đặt thanh toán', 'payment-settings'],
    ['Người dùng', 'Người dùng', 'users'],
    ['Nhật ký kiểm tra', 'Nhật ký kiểm tra', 'audit'],
  ],
};

describe('the console in Vietnamese', () => {
  test('switches to Tiếng Việt, shows every main screen in Vietnamese with VND amounts, and remembers it', async ({
    host,
    page,
    screenshot,
  }) => {
    const shell = new Shell(page);
    await shell.open(host);

    // English by default; the switch is a labelled select in the header, usable from the keyboard.
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // Every screen's buttons are named by what they show, in English first.
    const misnamed: string[] = [];
    for (const [link, heading, name] of screensIn.en) {
      await goTo(page, link);
      await expectHeading(page, heading);
      misnamed.push(...(await namesWithoutTheirText(page)).map((found) => `${name}: ${found}`));
    }
    expect(misnamed).toEqual([]);
    await goTo(page, 'Dashboard');
    await expectHeading(page, 'Dashboard');
    const language = page.getByRole('combobox', { name: 'Language' });
    await language.focus();
    await language.selectOption('vi');

    await expectHeading(page, 'Tổng quan');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    // Focus stays on the switch after the console is redrawn in the new language.
    await expect
      .poll(() =>
        page.getByRole('combobox', { name: 'Ngôn ngữ (Language)' }).evaluate((el) => el.matches(':focus')),
      )
      .toBe(true);
    // The demo badge: "Demo" at this width, its whole name in its title.
    await expectText(page.getByRole('banner').getByTestId('demo-badge'), 'Demo');
    expect(await page.getByRole('banner').getByTestId('demo-badge').getAttribute('title')).toBe(
      'Máy chủ demo cục bộ',
    );
    await expectText(page.getByRole('banner'), 'Đăng xuất');

    // The dashboard's wallet cards: Vietnamese words, and the VND wallet in đồng with no decimals.
    const cards = page.getByTestId('wallet-card');
    await expectText(cards.first(), 'Số dư');
    await expectText(cards, VND);
    expect(await textOf(cards)).not.toMatch(/₫\s?[\d.,]+,\d{2}|\d,\d{2}\s₫/u);
    // What the balance chart says to a screen reader is Vietnamese too.
    await expectVisible(page.getByRole('img', { name: /^Số dư của .+ · ví [A-Z]{3} trong 30 ngày qua: /u }));
    await screenshot('vi-dashboard');

    for (const [link, heading, name] of screensIn.vi) {
      await goTo(page, link);
      await expectHeading(page, heading);
      // Its buttons are named by what they show, in Vietnamese too.
      expect(await namesWithoutTheirText(page), `buttons on ${name}`).toEqual([]);
      await screenshot(`vi-${name}`);
    }

    // Words built from numbers, such as what provisioning delivered, are Vietnamese too.
    await goTo(page, 'Đơn hàng');
    await expectText(page.getByTestId('order-row').first(), /đã cung cấp \d+\/\d+/u);
    expect(await textOf(page.getByRole('main'))).not.toMatch(/provisioned/);
    // So are the reasons of provisioning's refunds in the audit trail.
    await goTo(page, 'Nhật ký kiểm tra');
    await expectText(page.getByTestId('audit-row'), /Hoàn tiền: (\d+ trên \d+ × |đơn hàng ORD-)/u);
    expect(await textOf(page.getByRole('main'))).not.toMatch(/Refund: /);

    // The VND wallet's own page: its history and balances in đồng.
    await goTo(page, 'Khách hàng');
    await goTo(page, 'Tổng quan');
    await cards.filter({ hasText: 'VND' }).first().click();
    await expectHeading(page, /^Ví VND/u);
    await expectText(page.getByRole('main'), VND);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Lịch sử' }));
    // Rows the server wrote itself read in Vietnamese: an order's payment, not "Order ORD-…: 10 × …".
    const historyRows = page.getByTestId('history-row');
    await expectText(historyRows, /Đơn hàng ORD-\d{8}-[0-9A-Z]{6}: \d+ × /u);
    expect(await textOf(historyRows)).not.toMatch(/\bOrder ORD-/);
    await expectText(page.getByRole('main'), 'Thông báo trên máy tính');
    // Chromium draws a date box in its own locale (en-US here, "mm/dd/yyyy") whatever the page's
    // language: the history's date filters take the day as Vietnamese writes it, and say so.
    const filters = page.getByRole('group', { name: 'Lọc lịch sử' });
    for (const label of ['Từ ngày', 'Đến ngày']) {
      const field = filters.getByLabel(label, { exact: true });
      await expectVisible(field);
      expect(await field.getAttribute('placeholder')).toBe('ngày/tháng/năm');
      const hint = page.locator(`[id="${await field.getAttribute('aria-describedby')}"]`);
      await expectText(hint, 'Nhập ngày theo thứ tự ngày/tháng/năm.');
    }
    // A day after every row: the history says nothing matches; cleared, the rows are back.
    const from = filters.getByLabel('Từ ngày', { exact: true });
    await from.fill('31/12/2999');
    await expectCount(historyRows, 0);
    await from.fill('');
    await expectText(historyRows, /Đơn hàng ORD-/u);
    // A "to" day before "from" is refused where it is typed (its box's min, as the native box had
    // it), saying which day it may not precede, in Vietnamese and its order; the history keeps "from".
    await from.fill('01/01/2021');
    const to = filters.getByLabel('Đến ngày', { exact: true });
    await to.fill('01/01/2020');
    await expectText(
      page.locator(`[id="${await to.getAttribute('aria-describedby')}"]`),
      '“Đến ngày” không được trước ngày 01/01/2021.',
    );
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    await expectText(historyRows, /Đơn hàng ORD-/u);
    // With "from" cleared that day is in range again, and the history follows it: none before 2020.
    await from.fill('');
    await expectCount(historyRows, 0);
    expect(await to.getAttribute('aria-invalid')).toBeNull();
    await to.fill('');
    await expectText(historyRows, /Đơn hàng ORD-/u);
    await screenshot('vi-wallet-vnd');
    // Its top-up: the tabs and the amount's range are Vietnamese too.
    await page.getByRole('main').getByRole('link', { name: 'Nạp tiền', exact: true }).click();
    await expectVisible(page.getByRole('tab', { name: 'Gia hạn', exact: true }));
    await expectVisible(page.getByRole('tab', { name: 'Nạp tiền', exact: true }));
    await expectText(page.getByRole('main'), /Từ [\d.]+\s₫ đến [\d.]+\s₫\./u);
    expect(await textOf(page.getByRole('main'))).not.toMatch(/\bFrom\b|Renewals/);
    // An amount typed as Vietnamese writes it is read that way: a million and a half đồng, not 1,500.
    await page.getByRole('main').getByRole('textbox', { name: 'Số tiền', exact: true }).fill('1.500.000');
    await expectText(page.getByRole('main'), /= 1\.500\.000\s₫\./u);
    // The demo is in test mode: its payment methods say so in Vietnamese, the warning's title too.
    await goTo(page, 'Cài đặt thanh toán');
    await expectText(page.getByRole('note').first(), /^Chế độ thử nghiệm — thanh toán không phải thật\./u);

    // Opened again (as after a restart): the signed-in user's choice was kept by the desktop core.
    await page.goto('about:blank');
    await page.goto(await host.url());
    await expectHeading(page, 'Tổng quan');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');

    // And back to English, which the rest of the suite relies on.
    await page.getByRole('combobox', { name: 'Ngôn ngữ (Language)' }).selectOption('en');
    await expectHeading(page, 'Dashboard');
  });

  test('a payer page refuses in Vietnamese, and a write queued offline in English reads in Vietnamese', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Thanh Proxies');
    await api.turnOnTestMode(admin);
    const customerId = await api.createCustomer(admin, { name: 'Nguyễn Văn An', email: 'an@example.com' });
    const walletId = await api.createWallet(admin, customerId, 'VND');
    const link = await api.request<{ url: string }>('POST', `/v1/customers/${customerId}/top-up-links`, {
      token: admin.apiKey,
      body: { walletId, expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    });

    // The payer opens the link in Vietnamese and asks for 1 ₫, under the 10.000 ₫ minimum: the refusal
    // is the page's own Vietnamese sentence with the range, not the API's English message.
    await page.goto(`${api.url}${new URL(link.url).pathname}?lang=vi`);
    await page.getByLabel(/^Số tiền/u).fill('1');
    await page.getByRole('button', { name: 'Tiếp tục thanh toán' }).click();
    const refusal = page.getByRole('alert');
    await expectText(refusal, /^Hãy nhập số tiền từ 10\.000\s₫ đến 400\.000\.000\s₫\.$/u);
    expect(await textOf(refusal)).not.toMatch(/top-up must be/);
    await screenshot('vi-payer-refusal');

    // In the console, in English: the API goes away and a customer is created offline.
    const shell = await signInToHostedApi(page, host, {
      url: api.url,
      email: admin.email,
      password: admin.password,
    });
    await expectText(shell.syncStatus, 'Online');
    await api.stop();
    await expectText(shell.syncStatus, /^Offline/);
    await shell.go('Customers');
    await new CustomersScreen(page).createCustomer({ name: 'Trần Thị Bình', email: 'binh@example.com' });
    await expectText(shell.outboxLink, '1 change pending');

    // Switched to Vietnamese afterwards, the queued write reads in Vietnamese: the outbox keeps what it
    // does (a key and values), not the English sentence it was queued with.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await shell.outboxLink.click();
    await expectHeading(page, 'Thay đổi đang chờ');
    await expectText(page.getByRole('main'), 'Tạo khách hàng Trần Thị Bình');
    expect(await textOf(page.getByRole('main'))).not.toContain('Create customer');
    await screenshot('vi-outbox-offline');

    await page.getByRole('combobox', { name: 'Ngôn ngữ (Language)' }).selectOption('en');
    await expectText(page.getByRole('main'), 'Create customer Trần Thị Bình');
  });
  test('a card saved through the gateway reads "Thẻ •••• 4242" in Vietnamese, its number kept', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Thanh Proxies');
    await api.turnOnTestMode(admin);
    const customerId = await api.createCustomer(admin, { name: 'Nguyễn Văn An', email: 'an@example.com' });
    const walletId = await api.createWallet(admin, customerId, 'USD');
    const payer = await api.request<{ id: string }>('POST', `/v1/customers/${customerId}/payers`, {
      token: admin.apiKey,
      body: { name: 'Công ty An', isDefault: true },
      expect: 201,
    });
    // A top-up that asks to keep its card, paid on the sandbox's hosted page as a payer's browser does:
    // the gateway then reports the card it kept ("Card •••• 4242": a test card of no brand).
    const payment = await api.request<{ id: string; checkout: { url: string } }>(
      'POST',
      `/v1/wallets/${walletId}/top-ups`,
      {
        token: admin.apiKey,
        body: { amount: 2_500, provider: 'sandbox', payerId: payer.id, saveMethod: true },
        idempotent: true,
        expect: 201,
      },
    );
    const paid = await fetch(`${payment.checkout.url}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ card: '4242424242424242' }).toString(),
    });
    expect(paid.ok).toBe(true);
    const methods = () =>
      api.request<{ items: Array<{ label: string; status: string }> }>(
        'GET',
        `/v1/customers/${customerId}/payment-methods`,
        { token: admin.apiKey },
      );
    await expect
      .poll(async () => (await methods()).items.map((m) => `${m.label} ${m.status}`), {
        timeout: UI_TIMEOUT_MS,
      })
      .toEqual(['Card •••• 4242 confirmed']);

    const shell = await signInToHostedApi(page, host, {
      url: api.url,
      email: admin.email,
      password: admin.password,
    });
    await expectText(shell.syncStatus, 'Online');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await goTo(page, 'Khách hàng');
    await new CustomersScreen(page).row('Nguyễn Văn An').click();
    const saved = page.getByTestId('saved-method');
    await expectText(saved, /^Thẻ •••• 4242\b/u);
    expect(await textOf(saved)).not.toMatch(/\bCard\b/);
    // Its buttons are named with the same words.
    await expectVisible(saved.getByRole('button', { name: 'Xóa Thẻ •••• 4242' }));
    await screenshot('vi-saved-method');

    await page.getByRole('combobox', { name: 'Ngôn ngữ (Language)' }).selectOption('en');
    await expectText(saved, /^Card •••• 4242\b/u);
  });
});

import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectCount, expectHidden, expectText, expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { openDemoOnline } from './support/flows.js';
import { CustomerScreen, CustomersScreen } from './support/pages/customers.js';
import { Shell } from './support/pages/shell.js';

/** "$1,234.56" → 123456 (minor units), parsed without floats. */
function usdCents(text: string): number {
  const match = /\$([\d,]+)\.(\d{2})/.exec(text);
  if (!match) throw new Error(`no USD amount in ${JSON.stringify(text)}`);
  return Number(match[1]!.replaceAll(',', '')) * 100 + Number(match[2]);
}

/** The accessible name (or text) of what has focus. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { activeElement: any } }).document;
    const el = doc.activeElement;
    return String(el?.labels?.[0]?.textContent ?? el?.getAttribute?.('aria-label') ?? el?.textContent ?? '')
      .replace(/\s+/g, ' ')
      .trim();
  });
}

/** Presses Tab until `control` has focus (at most `limit` times), as a keyboard user moves on. */
async function tabTo(page: Page, control: Locator, limit = 12): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await control.evaluate((el) => el === (el.ownerDocument as any).activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached the control; focus is on ${JSON.stringify(await focusedName(page))}`);
}

describe('orders placed by staff', () => {
  test("the demo's admin, by keyboard, orders for a customer from their page: the order is in their Orders list and their wallet paid its total", async ({
    host,
    page,
    screenshot,
  }) => {
    const shell = new Shell(page);
    await shell.open(host);
    await expectVisible(shell.demoBadge);
    await expectText(shell.syncStatus, 'Online');

    // A demo customer's page: their USD wallet's balance, then their records' Orders link.
    await shell.go('Customers');
    const customers = new CustomersScreen(page);
    await customers.row('An Kowalski').click();
    const customer = new CustomerScreen(page);
    await expectVisible(customer.heading('An Kowalski'));
    const usdChip = customer.walletChips.filter({ hasText: 'USD' });
    await expectVisible(usdChip);
    const before = usdCents(await usdChip.innerText());
    const ordersLink = page
      .getByRole('navigation', { name: /An Kowalski/ })
      .getByRole('link', { name: 'Orders' });
    await ordersLink.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url(), { timeout: UI_TIMEOUT_MS }).toMatch(/#\/orders\/customer\/cus_/);

    // The new order is for the customer the list is narrowed to.
    const card = page.getByRole('region', { name: 'New order for a customer' });
    await expectVisible(card);
    await expectText(
      card.getByRole('combobox', { name: 'Order for' }).locator('option:checked'),
      'An Kowalski',
    );
    const form = card.getByRole('form', { name: 'Order from the catalog' });
    const list = page.getByRole('table', { name: 'Orders' });

    // Product, wallet and quantity from the keyboard: a select's options are chosen by typing.
    const product = form.getByRole('combobox', { name: 'Product' });
    await product.focus();
    await page.keyboard.type('Residential');
    await expectText(product.locator('option:checked'), 'Residential proxies — 10 GB');
    await page.keyboard.press('Tab');
    const payFrom = form.getByRole('combobox', { name: 'Pay from' });
    await expect.poll(() => focusedName(page), { timeout: UI_TIMEOUT_MS }).toBe('Pay from');
    await page.keyboard.type('USD');
    await expectText(payFrom.locator('option:checked'), /^USD wallet · \$[\d,]+\.\d{2} available$/);
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedName(page), { timeout: UI_TIMEOUT_MS }).toBe('Quantity');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('2');

    // The form says which wallet pays and what it costs, in its currency.
    await expectText(form.getByTestId('order-paid-from'), 'An Kowalski · USD wallet');
    await expectText(form.getByTestId('order-total'), '$30.00');
    await tabTo(page, form.getByRole('button', { name: 'Place order' }));
    await page.keyboard.press('Enter');

    // Asked first: nothing moves until the admin confirms.
    const confirm = page.getByRole('dialog', { name: 'Order 2 × Residential proxies — 10 GB now?' });
    await expectVisible(confirm);
    await expectText(confirm, '$30.00 is paid from An Kowalski · USD wallet now');
    await screenshot('staff-order-confirm');
    const pay = confirm.getByRole('button', { name: 'Pay $30.00 and place the order' });
    await tabTo(page, pay);
    await page.keyboard.press('Enter');

    const placed = form.getByRole('status');
    await expectText(placed, /Order ORD-\d{8}-\w{6} placed: \$30\.00 paid from the wallet\./);
    const number = /ORD-\d{8}-\w{6}/.exec(await placed.innerText())![0];

    // In this customer's Orders list, once.
    const row = list.getByTestId('order-row').filter({ hasText: number });
    await expectVisible(row);
    await expectText(row, /2 × Residential proxies — 10 GB.*\$30\.00.*Provisioning/s);
    await expectCount(row, 1);
    await screenshot('staff-order-placed');

    // Their USD wallet's balance (the chip's first amount) went down by the order's total.
    await page.goBack();
    await expectVisible(customer.heading('An Kowalski'));
    await expect
      .poll(async () => usdCents(await usdChip.innerText()), {
        timeout: UI_TIMEOUT_MS,
      })
      .toBe(before - 3_000);

    // In Vietnamese the form and its question read in Vietnamese, amounts as Vietnamese write them;
    // Escape closes the question.
    await page.goForward();
    await shell.header.getByRole('combobox', { name: /^(Language|Ngôn ngữ)/ }).selectOption('vi');
    // Still this customer's list, not every customer's.
    await expectVisible(page.getByRole('heading', { name: 'Đơn hàng của An Kowalski' }));
    expect(page.url()).toMatch(/#\/orders\/customer\/cus_/);
    const the = page.getByRole('region', { name: 'Đơn hàng mới cho khách hàng' });
    await expectText(
      the.getByRole('combobox', { name: 'Đặt hàng cho' }).locator('option:checked'),
      'An Kowalski',
    );
    // The page opened afresh: the same order chosen again, from the keyboard.
    await the.getByRole('combobox', { name: 'Sản phẩm' }).focus();
    await page.keyboard.type('Residential');
    await page.keyboard.press('Tab');
    await page.keyboard.type('USD');
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedName(page), { timeout: UI_TIMEOUT_MS }).toBe('Số lượng');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('2');
    await expectText(the.getByTestId('order-paid-from'), 'An Kowalski · ví USD');
    // (expectText reads a no-break space as a space.)
    await expectText(the.getByTestId('order-total'), '30,00 US$');
    await the.getByRole('button', { name: 'Đặt hàng', exact: true }).focus();
    await page.keyboard.press('Enter');
    const question = page.getByRole('dialog', { name: 'Đặt 2 × Residential proxies — 10 GB ngay?' });
    await expectText(question, '30,00 US$ sẽ được trừ từ An Kowalski · ví USD ngay bây giờ');
    await expectVisible(question.getByRole('button', { name: /^Thanh toán 30,00\sUS\$ và đặt hàng$/ }));
    await screenshot('staff-order-confirm-vi');
    await page.keyboard.press('Escape');
    await expectHidden(question);
    await expectCount(page.getByTestId('order-row').filter({ hasText: number }), 1);

    // Their Payments and Subscriptions, opened from their page, stay theirs over a switch too.
    const language = shell.header.getByRole('combobox', { name: /^(Language|Ngôn ngữ)/ });
    const records = page.getByRole('navigation', { name: 'Hồ sơ của An Kowalski' });
    for (const [link, url, heading] of [
      ['Thanh toán', /#\/payments\/customer\/cus_/, 'Payments of An Kowalski'],
      ['Gói đăng ký', /#\/subscriptions\/customer\/cus_/, 'Subscriptions of An Kowalski'],
    ] as const) {
      await page.goBack();
      await expectVisible(records);
      await records.getByRole('link', { name: link, exact: true }).click();
      await expect.poll(() => page.url(), { timeout: UI_TIMEOUT_MS }).toMatch(url);
      await language.selectOption('en');
      await expectVisible(page.getByRole('heading', { name: heading }));
      expect(page.url()).toMatch(url);
      await language.selectOption('vi');
    }
  });

  test('a half-filled new order keeps its customer, product, wallet and quantity when the language is switched', async ({
    host,
    page,
  }) => {
    const shell = await openDemoOnline(page, host);
    await shell.navLink('Orders').click();

    const card = page.getByRole('region', { name: 'New order for a customer' });
    const orderFor = card.getByRole('combobox', { name: 'Order for' });
    await orderFor.locator('option', { hasText: 'An Kowalski' }).waitFor({ state: 'attached' });
    await orderFor.selectOption(
      (await orderFor.locator('option', { hasText: 'An Kowalski' }).getAttribute('value'))!,
    );
    const form = card.getByRole('form', { name: 'Order from the catalog' });
    await form.getByRole('combobox', { name: 'Product' }).selectOption({ label: 'Mobile proxy — 30 days' });
    await form.getByRole('combobox', { name: 'Pay from' }).selectOption('VND');
    await form.getByRole('textbox', { name: 'Quantity' }).fill('3');
    await expectText(form.getByTestId('order-total'), '₫2,175,000');

    // Redrawn in Vietnamese: everything chosen and typed is still there.
    await shell.header.getByRole('combobox', { name: /^(Language|Ngôn ngữ)/ }).selectOption('vi');
    const the = page.getByRole('region', { name: 'Đơn hàng mới cho khách hàng' });
    await expectVisible(the);
    await expectText(
      the.getByRole('combobox', { name: 'Đặt hàng cho' }).locator('option:checked'),
      'An Kowalski',
    );
    const vi = the.getByRole('form', { name: 'Đặt hàng từ danh mục' });
    await expectText(
      vi.getByRole('combobox', { name: 'Sản phẩm' }).locator('option:checked'),
      'Mobile proxy — 30 days',
    );
    expect(await vi.getByRole('combobox', { name: 'Thanh toán từ' }).inputValue()).toBe('VND');
    expect(await vi.getByRole('textbox', { name: 'Số lượng' }).inputValue()).toBe('3');
    await expectText(vi.getByTestId('order-total'), '2.175.000');

    // Leaving the page is another matter: back on Orders, the form starts afresh.
    const nav = page.getByRole('navigation').filter({ has: page.getByRole('link', { name: 'Tổng quan' }) });
    await nav.getByRole('link', { name: 'Tổng quan', exact: true }).click();
    await expectHidden(the);
    await nav.getByRole('link', { name: 'Đơn hàng', exact: true }).click();
    await expectVisible(the);
    expect(await the.getByRole('combobox', { name: 'Đặt hàng cho' }).inputValue()).toBe('');
    expect(await the.getByRole('form', { name: 'Đặt hàng từ danh mục' }).count()).toBe(0);
  });

  test('the question before placing an order, and the "Order placed" message after it, stay through a language switch', async ({
    host,
    page,
  }) => {
    const shell = await openDemoOnline(page, host);
    await shell.navLink('Orders').click();

    const card = page.getByRole('region', { name: 'New order for a customer' });
    const orderFor = card.getByRole('combobox', { name: 'Order for' });
    await orderFor.locator('option', { hasText: 'An Kowalski' }).waitFor({ state: 'attached' });
    await orderFor.selectOption(
      (await orderFor.locator('option', { hasText: 'An Kowalski' }).getAttribute('value'))!,
    );
    const form = card.getByRole('form', { name: 'Order from the catalog' });
    await form
      .getByRole('combobox', { name: 'Product' })
      .selectOption({ label: 'Residential proxies — 10 GB' });
    await form.getByRole('combobox', { name: 'Pay from' }).selectOption('USD');
    await form.getByRole('textbox', { name: 'Quantity' }).fill('2');
    await expectText(form.getByTestId('order-total'), '$30.00');
    await form.getByRole('button', { name: 'Place order' }).click();
    const question = page.getByRole('dialog', { name: 'Order 2 × Residential proxies — 10 GB now?' });
    await expectVisible(question);

    // The language changes while the question is open: it is asked again, in Vietnamese. (Behind
    // the modal the switch is inert to a person; selectOption sets it as a language applied from
    // elsewhere, the one remembered for the account, would.)
    const language = shell.header.getByRole('combobox', { name: /^(Language|Ngôn ngữ)/ });
    await language.selectOption('vi');
    const askedInVi = page.getByRole('dialog', { name: 'Đặt 2 × Residential proxies — 10 GB ngay?' });
    await expectVisible(askedInVi);
    await expectText(askedInVi, '30,00 US$ sẽ được trừ từ An Kowalski · ví USD ngay bây giờ');
    await expectHidden(question);
    await askedInVi.getByRole('button', { name: /^Thanh toán 30,00\sUS\$ và đặt hàng$/ }).click();
    await expectHidden(askedInVi);

    const vi = page
      .getByRole('region', { name: 'Đơn hàng mới cho khách hàng' })
      .getByRole('form', { name: 'Đặt hàng từ danh mục' });
    await expectText(
      vi.getByRole('status'),
      /^Đã đặt đơn hàng ORD-\d{8}-\w{6}: đã thanh toán 30,00\sUS\$ từ ví\.$/,
    );
    const number = /ORD-\d{8}-\w{6}/.exec(await vi.getByRole('status').innerText())![0];

    // Back in English, the message still says which order was placed, once.
    await language.selectOption('en');
    await expectText(form.getByRole('status'), `Order ${number} placed: $30.00 paid from the wallet.`);
    await expectHidden(question);
    await expectCount(page.getByTestId('order-row').filter({ hasText: number }), 1);
  });
});

import type { Locator } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectCount, expectText, expectVisible } from './support/expect-ui.js';
import { test } from './support/fixtures.js';
import { signInAsAdmin } from './support/flows.js';
import { boxOf, COMMON_SIZES, expectInside, viewportBox } from './support/layout.js';
import { Shell } from './support/pages/shell.js';

/** Pixels of `element`'s content that its own box cuts off sideways (0 when it all shows). */
function hiddenSideways(element: Locator): Promise<number> {
  return element.evaluate((e) => e.scrollWidth - e.clientWidth);
}

describe('wide content at common window sizes (1024×700 and 1280×800)', () => {
  test('the admin Orders table fits its card, with an order still provisioning, and every action reads whole', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Contoso Hosting International');
    const { id: productId } = await api.request<{ id: string }>('POST', '/v1/products', {
      token: admin.apiKey,
      body: {
        name: 'Residential proxies — 10 GB rotating pool',
        prices: { VND: 1_250_000 },
        period: 'month',
      },
    });
    const customerId = await api.createCustomer(admin, {
      name: 'Acme Industrial Supplies Ltd',
      email: 'accounts.payable@acme-industrial.example.com',
    });
    const walletId = await api.createWallet(admin, customerId, 'VND');
    await api.credit(admin, walletId, 400_000_000, 'Opening balance');
    // One order delivered in full and one still provisioning: the Fulfilment column shows.
    for (const quantity of [8, 12]) {
      await api.request('POST', `/v1/customers/${customerId}/orders`, {
        token: admin.apiKey,
        body: { productId, quantity, currency: 'VND' },
        idempotent: true,
        expect: 201,
      });
    }

    const shell = await signInAsAdmin(page, host, api, admin);
    await expectText(shell.syncStatus, 'Online');
    await shell.navLink('Orders').click();
    // Named in the console's language: found by its rows.
    const table = page.getByRole('table').filter({ has: page.getByTestId('order-row') });
    await expectCount(table.getByTestId('order-row'), 2);
    await expectVisible(table.getByRole('columnheader', { name: 'Fulfilment' }));
    const card = page.getByRole('region', { name: /^(All orders|Tất cả đơn hàng)$/ });
    // What a person acts on in each row: found by the words they read.
    const actions = (row: Locator): Array<[string, Locator]> => [
      ['checkbox', row.getByRole('checkbox')],
      [
        'provisioned count',
        row.getByRole('textbox', { name: /^(Provisioned of|Đã cung cấp trên tổng) 12$/ }),
      ],
      ['Report', row.getByRole('button', { name: /^(Report|Báo cáo) for|^Báo cáo cho/ })],
      ['Open a ticket', row.getByRole('button', { name: /^(Open a ticket|Mở yêu cầu hỗ trợ)/ })],
    ];
    for (const language of ['en', 'vi'] as const) {
      await shell.header.getByRole('combobox', { name: /^(Language|Ngôn ngữ)/ }).selectOption(language);
      await expectVisible(
        table.getByRole('columnheader', { name: language === 'en' ? 'Fulfilment' : 'Cung cấp' }),
      );
      for (const size of COMMON_SIZES) {
        await page.setViewportSize(size);
        await screenshot(`orders-${language}-${size.width}x${size.height}`);
        const where = `in ${language} at ${size.width}×${size.height}`;
        // The table fits its card: nothing past its right edge, no sideways scrolling.
        await expectInside(table, card, `the Orders table ${where}`);
        expect(await hiddenSideways(table.locator('xpath=..')), `pixels scrolled sideways ${where}`).toBe(0);
        const row = table.getByTestId('order-row').filter({ hasText: '12 ×' });
        for (const [name, action] of actions(row)) {
          await expectInside(action, card, `${name} ${where}`);
          // Its words whole: a button's text is not clipped by its box.
          expect(await hiddenSideways(action), `${name} cut ${where}`).toBeLessThanOrEqual(0);
        }
        expect(
          (await boxOf(row.getByRole('textbox'))).width,
          `the count's box ${where}`,
        ).toBeGreaterThanOrEqual(48);
      }
    }

    // The ticket's form opens over the table, not in its last column.
    await shell.header.getByRole('combobox', { name: /^(Language|Ngôn ngữ)/ }).selectOption('en');
    const row = table.getByTestId('order-row').filter({ hasText: '12 ×' });
    await row.getByRole('button', { name: /^Open a ticket/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Open a ticket for the customer' });
    await expectVisible(dialog.getByRole('textbox', { name: 'Message to the customer' }));
    await expectInside(dialog, await viewportBox(page), 'the ticket dialog');
    await expectInside(table, card, 'the Orders table with the ticket form open');
    await screenshot('orders-ticket-dialog');
  });
  test('an invoice line holds a billion-đồng VND amount whole, grouped as vi-VN or en-US writes it', async ({
    host,
    page,
    screenshot,
  }) => {
    const shell = new Shell(page);
    await shell.open(host);
    await shell.navLink('Invoices').click();
    await page.getByRole('main').getByRole('button', { name: 'New invoice' }).click();
    const dialog = page.getByRole('dialog', { name: 'New invoice' });
    await dialog.getByRole('combobox', { name: 'Currency' }).selectOption('VND');
    const line = dialog.getByRole('group', { name: 'Line 1' });
    // A billion and a quarter đồng (VND has no minor unit): as vi-VN groups it, and as en-US does.
    for (const amount of ['1.250.000.000', '1,250,000,000']) {
      await line.getByRole('textbox', { name: 'Unit price' }).fill(amount);
      await line.getByRole('textbox', { name: 'Quantity' }).fill('10000');
      await line.getByRole('textbox', { name: 'Tax %' }).fill('10.5');
      for (const size of COMMON_SIZES) {
        await page.setViewportSize(size);
        await screenshot(`invoice-line-${amount.replaceAll(/\D/g, '')}-${size.width}x${size.height}`, dialog);
        for (const name of ['Unit price', 'Quantity', 'Tax %']) {
          const field = line.getByRole('textbox', { name });
          await expectInside(field, line, `${name} in its line at ${size.width}`);
          // Every digit shows: the value is no wider than its box (it would scroll inside it).
          expect(
            await hiddenSideways(field),
            `${name} "${await field.inputValue()}" cut at ${size.width}`,
          ).toBeLessThanOrEqual(0);
        }
      }
    }
  });
});

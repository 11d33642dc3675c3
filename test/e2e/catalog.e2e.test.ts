import { describe, expect } from 'vitest';
import { expectHidden, expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsAdmin } from './support/flows.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('the catalog', () => {
  test('staff add a product (a mistake shown beside its field), then edit its period and take it off sale', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Catalog Proxies');
    const shell = await signInAsAdmin(page, host, api, admin);
    await expectText(shell.syncStatus, 'Online');
    await shell.navLink('Catalog').click();
    const main = page.getByRole('main');
    await expectText(main, 'No products yet');

    await main.getByRole('button', { name: 'New product' }).click();
    const dialog = page.getByRole('dialog', { name: 'New product' });
    await expectVisible(dialog);
    await dialog.getByLabel('Name').fill('Residential proxy');
    await dialog.getByLabel('Billing period').selectOption('month');
    await dialog.getByLabel('Unit price in USD').fill('1.999');
    await dialog.getByRole('button', { name: 'Add a currency' }).click();
    await dialog.getByLabel('Currency 2').selectOption('JPY');
    await dialog.getByLabel('Unit price in JPY').fill('300');
    await dialog.getByRole('button', { name: 'Add product' }).click();
    // Three decimals in dollars: refused beside the field, nothing sent.
    await expectVisible(dialog.getByText('Has more decimals than this currency has'));
    await expect.poll(() => dialog.getByLabel('Unit price in USD').getAttribute('aria-invalid')).toBe('true');
    await screenshot('catalog-price-error', dialog);
    await dialog.getByLabel('Unit price in USD').fill('19.99');
    await dialog.getByRole('button', { name: 'Add product' }).click();
    await expectHidden(dialog);

    const row = main.getByTestId('product-row').filter({ hasText: 'Residential proxy' });
    await expectText(row, '$19.99');
    await expectText(row, '¥300');
    await expectText(row, 'Monthly');
    await expectText(row, 'On sale');

    await row.getByRole('button', { name: 'Edit Residential proxy' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Residential proxy' });
    await edit.getByLabel('Billing period').selectOption('year');
    await edit.getByLabel('On sale (customers can order it)').uncheck();
    await edit.getByRole('button', { name: 'Save product' }).click();
    await expectHidden(edit);
    await expectText(row, 'Yearly');
    await expectText(row, 'Off sale');
    await screenshot('catalog-edited', main);

    const { items } = await api.request<{ items: Array<Record<string, unknown>> }>('GET', '/v1/products', {
      token: admin.apiKey,
    });
    expect(items).toEqual([
      expect.objectContaining({
        name: 'Residential proxy',
        prices: { USD: 1_999, JPY: 300 },
        period: 'year',
        active: false,
      }),
    ]);
  });

  test('in Vietnamese a price is typed with a decimal comma, as the form’s own example shows', async ({
    api,
    host,
    page,
  }) => {
    const admin = await api.createReseller('Catalog Proxies');
    const shell = await signInAsAdmin(page, host, api, admin);
    await expectText(shell.syncStatus, 'Online');
    await shell.navLink('Catalog').click();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    const main = page.getByRole('main');
    await main.getByRole('button', { name: 'Sản phẩm mới' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sản phẩm mới' });
    await dialog.getByLabel('Tên', { exact: true }).fill('Proxy dân cư');
    const price = dialog.getByLabel('Đơn giá bằng USD');

    // A decimal point is a thousands mark in Vietnamese: refused, and the example says how instead.
    await price.fill('19.99');
    await dialog.getByRole('button', { name: 'Thêm sản phẩm' }).click();
    await expectText(dialog, 'Nhập một số, ví dụ 19,99');

    // Typed as the example shows, the price is taken: 19,99 US$.
    await price.fill('19,99');
    await dialog.getByRole('button', { name: 'Thêm sản phẩm' }).click();
    await expectHidden(dialog);
    await expectText(main.getByRole('row', { name: /Proxy dân cư/ }), '19,99 US$');
  });
});

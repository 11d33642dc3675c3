import { describe, expect } from 'vitest';
import { expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { openTopUp, signInWithFundedWallet } from './support/flows.js';
import { SandboxCheckoutPage } from './support/pages/top-up.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('switching the language during a top-up', () => {
  test('the payment being followed stays on screen, redrawn in the new language, and its page is not opened twice', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const { shell } = await signInWithFundedWallet(
      api,
      host,
      page,
      'Bilingual Proxies',
      { name: 'Ada Lovelace', email: 'ada@example.com' },
      { testMode: true },
    );
    const topUp = await openTopUp(page, shell);
    await topUp.amount.fill('25');
    await topUp.method(/Sandbox test card/).check();
    const opened = page.context().waitForEvent('page');
    await topUp.submit.click();
    const checkout = new SandboxCheckoutPage(await opened);
    await expectVisible(topUp.waiting);

    // The console is redrawn in Vietnamese: the payment is still followed (it used to fall back to
    // an empty form, the payment's page left open with nothing watching it here).
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await expectText(topUp.status, 'Đang chờ thanh toán');
    await screenshot('waiting-in-vietnamese');
    expect(page.context().pages()).toHaveLength(2);

    // Paid on the hosted page: the Vietnamese screen says so.
    await checkout.page.waitForLoadState();
    await checkout.press('Pay');
    await expectText(topUp.status, 'Đã nạp thành công 25,00 US$');
  });

  test('the amount typed and the method chosen stay in the form, the amount rewritten with the new language’s marks', async ({
    api,
    host,
    page,
  }) => {
    const { shell } = await signInWithFundedWallet(
      api,
      host,
      page,
      'Bilingual Proxies',
      { name: 'Ada Lovelace', email: 'ada@example.com' },
      { testMode: true },
    );
    const topUp = await openTopUp(page, shell);
    await topUp.amount.fill('1234.5');
    await topUp.method(/Sandbox test card/).check();
    await expectText(topUp.total, /Total to pay\s*\$1,234\.50/);

    // Redrawn in Vietnamese: nothing to type or choose again; "1234.5" reads "1234,50" there.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Nạp tiền' }));
    const form = page.getByRole('main').getByRole('form', { name: 'Nạp tiền' });
    await expect.poll(() => form.getByLabel('Số tiền', { exact: true }).inputValue()).toBe('1234,50');
    expect(await form.getByRole('radio', { name: /Thẻ thử nghiệm sandbox/ }).isChecked()).toBe(true);
    await expectText(form.getByTestId('top-up-total'), /Tổng cần trả\s*1\.234,50\sUS\$/);

    // And back: the same amount, with English marks again.
    await page.getByRole('combobox', { name: 'Ngôn ngữ (Language)' }).selectOption('en');
    await expect.poll(() => topUp.amount.inputValue()).toBe('1234.50');
    expect(await topUp.method(/Sandbox test card/).isChecked()).toBe(true);
  });
});

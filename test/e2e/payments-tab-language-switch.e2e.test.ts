import { describe, expect } from 'vitest';
import { expectText, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsAdmin } from './support/flows.js';
import { PaymentReviews } from './support/pages/payment-reviews.js';
import { offerVietQrBank, VIETQR_ACCOUNT as ACCOUNT } from './support/vietqr-bank.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('switching the language on the Payments screen', () => {
  test("keeps Needs review open, its Open/Resolved choice and the list's filters, redrawn in the new language", async ({
    api,
    host,
    page,
  }) => {
    const admin = await api.createReseller('Bilingual Proxies');
    const shell = await signInAsAdmin(page, host, api, admin);
    await shell.navLink('Payments').click();
    const main = page.getByRole('main');
    await main.getByRole('combobox', { name: 'Status' }).selectOption('failed');
    const reviews = new PaymentReviews(page);
    await reviews.tab.click();
    await expectText(main, 'Nothing needs review');
    await reviews.show.selectOption('resolved');
    await expectText(main, 'Nothing resolved yet');

    // It used to come back on All payments, as if the person had not chosen the tab, and with
    // Open and every status shown again.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    const tab = page.getByRole('tab', { name: 'Cần xem xét' });
    await expect.poll(() => tab.getAttribute('aria-selected'), { timeout: UI_TIMEOUT_MS }).toBe('true');
    expect(
      await page.getByRole('tab', { name: 'Tất cả khoản thanh toán' }).getAttribute('aria-selected'),
    ).toBe('false');
    await expectText(main, 'Chưa xử lý mục nào');
    expect(await main.getByLabel('Hiển thị').inputValue()).toBe('resolved');
    await page.getByRole('tab', { name: 'Tất cả khoản thanh toán' }).click();
    expect(await main.getByRole('combobox', { name: 'Trạng thái' }).inputValue()).toBe('failed');

    // Leaving the screen forgets it: Payments opens on All payments again.
    const nav = page.getByRole('navigation').first();
    await nav.getByRole('link', { name: 'Tổng quan', exact: true }).click();
    await nav.getByRole('link', { name: 'Thanh toán', exact: true }).click();
    await expect
      .poll(() => page.getByRole('tab', { name: 'Tất cả khoản thanh toán' }).getAttribute('aria-selected'), {
        timeout: UI_TIMEOUT_MS,
      })
      .toBe('true');

    // A transfer that matched no payment: its detail reads in Vietnamese, not the server's English.
    const bank = await offerVietQrBank(api, admin, 'CONG TY BILINGUAL PROXIES', 'NAP');
    try {
      const line = bank.credit({ accountNumber: ACCOUNT, amount: 150_000, content: 'chuyen tien nap' });
      await bank.delivered(line.id);
      await page.getByRole('tab', { name: 'Cần xem xét' }).click();
      await main.getByLabel('Hiển thị').selectOption('open');
      await expectText(
        page.getByTestId('review-row'),
        `tới ${ACCOUNT} với nội dung "chuyen tien nap" không khớp khoản thanh toán đang mở nào.`,
      );
      expect(await page.getByTestId('review-row').textContent()).not.toContain('matches no open payment');
    } finally {
      await bank.close();
    }
  });
});

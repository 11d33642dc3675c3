import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect } from 'vitest';
import { expectCount, expectHidden, expectText, expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsAdmin } from './support/flows.js';
import { CustomerScreen, CustomersScreen } from './support/pages/customers.js';
import { TopUpLinksSection } from './support/pages/top-up-links.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

describe('revoking a top-up link', () => {
  test('an admin revokes a link from the console, by keyboard, and its page then says it is no longer valid', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Linkline Proxies');
    await api.turnOnTestMode(admin);
    const customerId = await api.createCustomer(admin, { name: 'Ada Lovelace', email: 'ada@example.com' });
    const walletId = await api.createWallet(admin, customerId, 'USD');
    const create = () =>
      api.request<{ url: string }>('POST', `/v1/customers/${customerId}/top-up-links`, {
        token: admin.apiKey,
        body: { walletId, amount: 2_500, expiresAt: inAWeek() },
      });
    const shared = await create();
    const kept = await create();

    // Before: the payer's page names whom they pay and whose wallet, and offers the payment.
    await page.goto(shared.url);
    await expectText(page.getByRole('definition').first(), 'Linkline Proxies');
    await expectText(page.getByRole('definition').nth(1), 'Ada Lovelace');
    await expectVisible(page.getByRole('button', { name: 'Continue to payment' }));

    const shell = await signInAsAdmin(page, host, api, admin);
    await expectText(shell.syncStatus, 'Online');
    await shell.go('Customers');
    await new CustomersScreen(page).row('Ada Lovelace').click();
    await expectVisible(new CustomerScreen(page).heading('Ada Lovelace'));
    const links = new TopUpLinksSection(page);
    await expectText(links.item(shared.url), 'Active');

    // Keyboard only: the button named by its visible text, then the confirmation's two buttons.
    const revoke = links.revokeButton(shared.url);
    await revoke.focus();
    await page.keyboard.press('Enter');
    await expectVisible(links.confirmation);
    await expectText(links.confirmation, shared.url);
    await expect
      .poll(() => links.keepLink.evaluate((el) => el === el.ownerDocument.activeElement), {
        timeout: UI_TIMEOUT_MS,
      })
      .toBe(true);
    await screenshot('revoke-confirmation');
    await page.keyboard.press('Tab');
    await expect
      .poll(() => links.confirmRevoke.evaluate((el) => el === el.ownerDocument.activeElement), {
        timeout: UI_TIMEOUT_MS,
      })
      .toBe(true);
    await page.keyboard.press('Enter');

    await expectHidden(links.confirmation);
    await expectText(links.item(shared.url), 'Revoked');
    await expectCount(links.revokeButton(shared.url), 0);
    // Only that link: the other one is still active, with its own Revoke button.
    await expectText(links.item(kept.url), 'Active');
    await expectCount(links.revokeButton(kept.url), 1);
    await screenshot('revoked-link-in-list');

    // The payer who opens the shared link is told plainly, and offered nothing to pay.
    await page.goto(shared.url);
    await expectText(
      page.getByRole('alert'),
      /This top-up link is no longer valid: the merchant revoked it\./,
    );
    await expectCount(page.getByRole('button'), 0);
    await expectCount(page.getByRole('textbox'), 0);
    await screenshot('revoked-link-page');
  });

  test('revoking a link paid meanwhile is refused, and says why in Vietnamese', async ({
    api,
    host,
    page,
    workdir,
    screenshot,
  }) => {
    const admin = await api.createReseller('Paid Meanwhile Proxies');
    const customerId = await api.createCustomer(admin, { name: 'Phan Thi Mai', email: 'mai@example.com' });
    const walletId = await api.createWallet(admin, customerId, 'USD');
    const link = await api.request<{ url: string }>('POST', `/v1/customers/${customerId}/top-up-links`, {
      token: admin.apiKey,
      body: { walletId, amount: 2_500, expiresAt: inAWeek() },
    });

    const shell = await signInAsAdmin(page, host, api, admin);
    await expectText(shell.syncStatus, 'Online');
    await shell.go('Customers');
    await new CustomersScreen(page).row('Phan Thi Mai').click();
    const links = new TopUpLinksSection(page);
    await expectText(links.item(link.url), 'Active');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    const region = page.getByRole('region', { name: 'Liên kết nạp tiền' });
    // The list is named in Vietnamese now: the link by its URL in it.
    const item = region.getByRole('listitem').filter({ hasText: link.url });
    await expectText(item, 'Đang hoạt động');

    // The payer has just paid through it; the console has not heard of it yet.
    const billing = new Database(join(workdir, 'billing.sqlite'), { timeout: UI_TIMEOUT_MS });
    billing.prepare(`update top_up_links set status = 'used'`).run();
    billing.close();

    await item.getByRole('button', { name: 'Thu hồi', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'Thu hồi liên kết nạp tiền này?' })
      .getByRole('button', { name: 'Thu hồi liên kết' })
      .click();
    await expectText(
      region,
      'Không thu hồi được liên kết: Liên kết này đã được dùng để thanh toán: không còn gì để thu hồi.',
    );
    await screenshot('revoke-used-link-refused-vietnamese');
  });
});

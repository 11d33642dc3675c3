/**
 * A customer tops up by keyboard alone: the header's Top Up, the amount, the method, Pay. When Pay
 * gives way to the payment's progress, and Cancel to "paid", focus stays on the top-up card, so the
 * next Tab reaches the new controls instead of starting again at the top of the window.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectText, expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsNewCustomer } from './support/flows.js';
import { SandboxCheckoutPage, TopUpScreen } from './support/pages/top-up.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

/** What has focus, as a person would name it, and whether it is on the document itself. */
function focused(page: Page) {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { activeElement: any; body: unknown } }).document;
    const el = doc.activeElement;
    return {
      onDocument: el === null || el === doc.body,
      name: String(
        el?.labels?.[0]?.textContent ?? el?.getAttribute?.('aria-label') ?? el?.textContent ?? '',
      ).trim(),
    };
  });
}

/** Presses Tab until `name` has focus (at most `max` times); the names passed on the way. */
async function tabTo(page: Page, name: RegExp, max = 12): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    seen.push(now.name);
    if (name.test(now.name)) return seen;
  }
  throw new Error(`Tab never reached ${String(name)}; it went through: ${seen.join(' → ')}`);
}

describe('topping up by keyboard', () => {
  test('after Pay and after "paid", the next Tab reaches the payment, not the top of the window', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const { shell } = await signInAsNewCustomer(api, host, page, 'Keyboard Hosting', {
      name: 'Kim Keys',
      email: 'kim@example.com',
    });
    const topUp = new TopUpScreen(page);
    await shell.header.getByRole('button', { name: 'Top Up', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expectVisible(topUp.form);

    await tabTo(page, /^Amount/);
    await page.keyboard.type('25');
    await tabTo(page, /Sandbox test card/);
    await page.keyboard.press('Space');
    expect(await topUp.method(/Sandbox test card/).isChecked()).toBe(true);
    await tabTo(page, /^Pay \$25\.00$/);

    const opened = page.context().waitForEvent('page', { timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    const checkout = new SandboxCheckoutPage(await opened);
    await expectVisible(topUp.waiting);
    // Pay is gone; focus is on the card that now shows the payment, not on the document.
    await expect.poll(() => focused(page), { timeout: UI_TIMEOUT_MS }).toMatchObject({ onDocument: false });
    expect((await focused(page)).name).toBe('Payment');
    await tabTo(page, /^Open the payment page$/, 3);
    await tabTo(page, /^Cancel payment$/, 3);
    await screenshot('top-up-keyboard-waiting');

    // Paid on the gateway's page while Cancel has focus: Cancel goes, focus stays on the card.
    await checkout.press('Pay');
    await expectText(topUp.status, 'Top-up of $25.00 paid. New balance: $25.00.');
    await expect.poll(() => focused(page), { timeout: UI_TIMEOUT_MS }).toMatchObject({ onDocument: false });
    await tabTo(page, /^Make another top-up$/, 3);
    await page.keyboard.press('Enter');
    await expectVisible(topUp.form);
    await expect.poll(() => focused(page), { timeout: UI_TIMEOUT_MS }).toMatchObject({ onDocument: false });
    await tabTo(page, /^Amount/, 3);
    await screenshot('top-up-keyboard-again');
  });

  test('Top up and Renewals are one Tab stop; the arrow keys move between them', async ({
    api,
    host,
    page,
  }) => {
    const { shell } = await signInAsNewCustomer(api, host, page, 'Keyboard Hosting', {
      name: 'Kim Keys',
      email: 'kim@example.com',
    });
    const topUp = new TopUpScreen(page);
    await shell.header.getByRole('button', { name: 'Top Up', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expectVisible(topUp.form);
    const topUpTab = page.getByRole('tab', { name: 'Top up', exact: true });
    const renewalsTab = page.getByRole('tab', { name: 'Renewals', exact: true });

    // The form sits in the Top up tab's panel, named by its tab, which says it controls that panel.
    const topUpPanel = page.getByRole('tabpanel', { name: 'Top up', exact: true });
    await expectVisible(topUpPanel.getByRole('form', { name: 'Top up' }));
    const controlled = await topUpTab.getAttribute('aria-controls');
    expect(controlled).toBeTruthy();
    expect(await topUpPanel.getAttribute('id')).toBe(controlled);

    // Tab reaches the selected tab, and the next Tab leaves the tablist for the form.
    const passed = await tabTo(page, /^Top up$/);
    expect(passed).not.toContain('Renewals');
    expect(await tabTo(page, /^Amount/, 3)).not.toContain('Renewals');

    // Back on the tablist, the right arrow opens Renewals and focus follows it.
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).name).toBe('Top up');
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => renewalsTab.getAttribute('aria-selected'), { timeout: UI_TIMEOUT_MS })
      .toBe('true');
    const renewalsPanel = page.getByRole('tabpanel', { name: 'Renewals' });
    await expectVisible(renewalsPanel);
    expect(await renewalsPanel.getAttribute('id')).toBe(await renewalsTab.getAttribute('aria-controls'));
    await expect.poll(async () => (await focused(page)).name, { timeout: UI_TIMEOUT_MS }).toBe('Renewals');
    // Shift+Tab leaves the tablist too, rather than stopping on Top up.
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).name).not.toBe('Top up');
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('Renewals');

    // The left arrow opens Top up again, focus on its tab.
    await page.keyboard.press('ArrowLeft');
    await expectVisible(topUp.form);
    await expectVisible(topUpPanel.getByRole('form', { name: 'Top up' }));
    expect(await topUpTab.getAttribute('aria-selected')).toBe('true');
    await expect.poll(async () => (await focused(page)).name, { timeout: UI_TIMEOUT_MS }).toBe('Top up');
  });
});

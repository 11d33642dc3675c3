import type { Locator } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInToHostedApi } from './support/flows.js';
import { PaymentSettingsScreen } from './support/pages/payment-settings.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

/** What a sighted person sees of a field: is there a box to type into? */
async function looksEditable(field: Locator): Promise<boolean> {
  return field.evaluate((element) => {
    // Runs in the page: its window's getComputedStyle (the test's own types know no DOM globals).
    const view = globalThis as unknown as {
      getComputedStyle(e: unknown): { borderTopColor: string; backgroundColor: string };
    };
    const style = view.getComputedStyle(element);
    const invisible = (colour: string) => colour === 'transparent' || /rgba\(.*,\s*0\)$/.test(colour);
    return !invisible(style.borderTopColor) || !invisible(style.backgroundColor);
  });
}

describe('read-only fields', () => {
  test('a support agent sees payment settings as values, not as boxes to type into', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Tailspin Proxies');
    const customerId = await api.createCustomer(admin, { name: 'Alan Turing', email: 'alan@example.com' });
    await api.createWallet(admin, customerId, 'USD');
    const agent = { email: 'agent@tailspin.example.com', password: 'helpful support agent' };
    await api.createUser(admin, { ...agent, role: 'support_agent' });

    const shell = await signInToHostedApi(page, host, { url: api.url, ...agent });
    await shell.navLink('Payment settings').click();
    const settings = new PaymentSettingsScreen(page);
    await expectVisible(settings.heading);
    await expectVisible(settings.minimum('USD'));
    const fields = page.getByRole('main').getByRole('textbox');
    const count = await fields.count();
    expect(count).toBeGreaterThan(3);
    for (let i = 0; i < count; i++) {
      const field = fields.nth(i);
      const name = (await field.getAttribute('aria-label')) ?? (await field.inputValue());
      expect(await field.getAttribute('aria-readonly'), name).toBe('true');
      expect(await field.isEditable(), name).toBe(false);
      expect(await looksEditable(field), `${name} looks editable`).toBe(false);
    }
    await screenshot('agent-payment-settings');
  });
});

import { describe, expect } from 'vitest';
import { expectVisible, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInToHostedApi } from './support/flows.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('read-only fields with no value', () => {
  test('a support agent reads "Not set" where a wallet has no alert line, not a blank', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const admin = await api.createReseller('Quiet Proxies');
    const customerId = await api.createCustomer(admin, { name: 'Hedy Lamarr', email: 'hedy@example.com' });
    await api.createWallet(admin, customerId, 'USD');
    const agent = { email: 'agent@quiet.example.com', password: 'helpful support agent' };
    await api.createUser(admin, { ...agent, role: 'support_agent' });

    const shell = await signInToHostedApi(page, host, { url: api.url, ...agent });
    await shell.go('Wallet');
    const alerts = page.getByRole('form', { name: 'Alert settings' });
    const below = alerts.getByLabel('Alert below (USD)');
    const runway = alerts.getByLabel('Alert when the runway is under (days)');
    await expectVisible(below);
    for (const field of [below, runway]) {
      expect(await field.inputValue()).toBe('');
      expect(await field.getAttribute('placeholder')).toBe('Not set');
    }
    await screenshot('agent-wallet-alerts-unset');

    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await expect
      .poll(
        () =>
          page
            .getByRole('form', { name: 'Cài đặt cảnh báo' })
            .getByRole('textbox')
            .first()
            .getAttribute('placeholder'),
        {
          timeout: UI_TIMEOUT_MS,
        },
      )
      .toBe('Chưa đặt');
  });
});

import { describe, expect } from 'vitest';
import { expectText, UI_TIMEOUT_MS } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInWithFundedWallet } from './support/flows.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('the header’s low-wallet mark', () => {
  test('on a wide screen its name holds the words it shows, in English and in Vietnamese', async ({
    api,
    host,
    page,
  }) => {
    const { admin, walletId } = await signInWithFundedWallet(api, host, page, 'Wide Proxies', {
      name: 'Grace',
      email: 'grace@example.com',
    });
    // Below its alert line: $50.00 available, the line at $60.00.
    await api.request('PUT', `/v1/wallets/${walletId}/alert-settings`, {
      token: admin.apiKey,
      body: { threshold: 6_000, channels: ['desktop'] },
    });
    await page.setViewportSize({ width: 1600, height: 900 });
    const mark = page.getByTestId('header-low-wallets');

    // What it shows, without the warning sign, is what voice control is told to click.
    const shown = async () => (await mark.innerText()).replace('⚠', '').trim();
    await expectText(mark, '⚠ 1 low wallet');
    expect(await mark.getAttribute('aria-label')).toContain(await shown());

    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await expectText(mark, '⚠ 1 ví sắp hết tiền');
    await expect
      .poll(() => mark.getAttribute('aria-label'), { timeout: UI_TIMEOUT_MS })
      .toContain(await shown());
  });
});

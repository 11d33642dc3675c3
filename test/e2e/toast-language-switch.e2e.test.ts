import { describe, expect } from 'vitest';
import { expectText } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInWithFundedWallet } from './support/flows.js';
import { WalletScreen } from './support/pages/wallet.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('a message still on screen when the language is switched', () => {
  test('reads in the new language, its amount in the new language’s format', async ({ api, host, page }) => {
    const { shell } = await signInWithFundedWallet(api, host, page, 'Bilingual Proxies', {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    const wallet = new WalletScreen(page);
    await wallet.addCredit('25', 'Welcome credit');
    await expectText(shell.balance, '$75.00');
    const said = page.getByRole('status').filter({ hasText: /Add credit|Cộng tiền/ });
    await expectText(said, 'Add credit $25.00 — saved');
    const filters = page.getByRole('group', { name: 'Filter the history' });
    await filters.getByLabel('Type').selectOption('credit');
    await filters.getByLabel('From').fill('2020-01-31');

    // It used to stay in English on the Vietnamese console, for as long as it was shown.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await expectText(said, /^Cộng tiền 25,00\sUS\$ — đã lưu$/);
    // The history's filters are still the ones chosen (they used to go back to all of it).
    const filtersVi = page.getByRole('group', { name: 'Lọc lịch sử' });
    expect(await filtersVi.getByLabel('Loại').inputValue()).toBe('credit');
    expect(await filtersVi.getByLabel('Từ ngày').inputValue()).toBe('2020-01-31');
  });
});

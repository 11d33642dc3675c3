import { describe, expect } from 'vitest';
import { expectHidden, expectText, expectVisible } from './support/expect-ui.js';
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
    // The toast shown for it blocks nothing: a pointer at its words reaches the page beneath (it
    // used to cover the controls there for 6 s), and Escape puts it away; it stays announced.
    const toast = page.getByTestId('toast');
    await expectVisible(toast);
    const words = await toast.getByText(/Add credit/).boundingBox();
    const reached = await page.evaluate(
      ([x, y]) => {
        // Runs in the page (the test's own types know no DOM globals).
        type Hit = { closest(selector: string): unknown } | null;
        const doc = (globalThis as unknown as { document: { elementFromPoint(x: number, y: number): Hit } })
          .document;
        const hit = doc.elementFromPoint(x, y);
        return hit !== null && hit.closest('[data-testid="toast"]') === null;
      },
      [words!.x + words!.width / 2, words!.y + words!.height / 2] as const,
    );
    expect(reached, 'a pointer at the toast reaches the page beneath').toBe(true);
    await page.keyboard.press('Escape');
    // Well within the 6 s after which it would have gone by itself.
    await expectHidden(toast, 1_000);
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
    // The day reads as Vietnamese writes it: Chromium's own date box kept the browser's mm/dd/yyyy.
    expect(await filtersVi.getByLabel('Từ ngày').inputValue()).toBe('31/01/2020');
    expect(await filtersVi.getByLabel('Từ ngày').getAttribute('placeholder')).toBe('ngày/tháng/năm');
  });
});

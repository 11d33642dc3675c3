/**
 * A customer reading its own wallet's auto top-up is told what it needs in its own person, not
 * "the customer needs a payer" as if someone else were meant.
 */
import { describe, expect } from 'vitest';
import { expectText } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { signInAsNewCustomer } from './support/flows.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('auto top-up on a customer’s own wallet', () => {
  test('says the customer needs a payer in the second person, in English and Vietnamese', async ({
    api,
    host,
    page,
  }) => {
    const { shell } = await signInAsNewCustomer(api, host, page, 'Second Person Hosting', {
      name: 'Yara You',
      email: 'yara@example.com',
    });
    await shell.go('Wallet');
    const hint = page.getByTestId('auto-top-up-needs-card');
    await expectText(hint, '(you need a payer for that)');
    expect(await hint.textContent()).not.toContain('the customer');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await expectText(hint, '(bạn cần có người thanh toán)');
  });
});

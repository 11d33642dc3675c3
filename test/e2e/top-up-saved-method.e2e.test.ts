/**
 * A customer tops up with "Save this method" ticked, then makes another top-up from the same
 * screen: the method the first one saved is offered at once, as the console says it would be.
 */
import { describe } from 'vitest';
import { expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { openTopUp, signInAsNewCustomer } from './support/flows.js';
import { SandboxCheckoutPage } from './support/pages/top-up.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('a method saved by a top-up', () => {
  test('is offered by "Make another top-up" on the same screen, without leaving it', async ({
    api,
    host,
    page,
    screenshot,
  }) => {
    const { admin, customerId, shell } = await signInAsNewCustomer(api, host, page, 'Saved Hosting', {
      name: 'Sam Saver',
      email: 'sam@example.com',
    });
    await api.request('POST', `/v1/customers/${customerId}/payers`, {
      token: admin.apiKey,
      body: { name: 'Sam at work', isDefault: true },
      expect: 201,
    });
    const topUp = await openTopUp(page, shell);
    await topUp.amount.fill('25');
    await topUp.method(/Sandbox test card/).check();
    await topUp.saveMethod.check();

    const opened = page.context().waitForEvent('page');
    await topUp.submit.click();
    const checkout = new SandboxCheckoutPage(await opened);
    await expectVisible(topUp.waiting);
    await checkout.press('Pay');
    await expectText(topUp.status, 'Top-up of $25.00 paid. New balance: $25.00.');

    await topUp.status.getByRole('button', { name: 'Make another top-up' }).click();
    await expectVisible(topUp.form);
    await expectText(topUp.methods, /Card •••• \d{4}/);
    await screenshot('top-up-saved-method-offered');
  });
});

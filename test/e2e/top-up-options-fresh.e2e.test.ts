import { describe } from 'vitest';
import { expectText } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { openTopUp, signInAsNewCustomer } from './support/flows.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('a reseller changes its payment methods while a customer’s console is open', () => {
  test('the customer’s Top Up form offers the methods as they are now, without a reload', async ({
    api,
    host,
    page,
  }) => {
    const { admin, shell } = await signInAsNewCustomer(api, host, page, 'Changing Methods', {
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    const topUp = await openTopUp(page, shell);
    await expectText(topUp.methods, /Sandbox test card.*No fee/);

    // Meanwhile, the reseller starts charging a fee for the method (from its own console or the API).
    await api.changeSandboxMethod(admin, { feeBasisPoints: 250 });

    // The customer comes back to Top Up: the fee it will pay is the one asked now.
    await shell.go('Wallet');
    const again = await openTopUp(page, shell);
    await expectText(again.methods, /Sandbox test card.*2\.5% fee/);
  });
});

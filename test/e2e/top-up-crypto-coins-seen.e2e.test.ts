import { describe } from 'vitest';
import { sendCoins } from '../support/emulators/crypto-chain.js';
import { launchChainApi, startUsdtTopUp } from './support/chain-api.js';
import { expectHidden, expectText, expectVisible } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

describe('a crypto top-up whose coins the chain has seen', () => {
  test('no longer offers "Cancel payment", which the server would refuse with the coins on their way', async ({
    workdir,
    host,
    page,
    screenshot,
  }) => {
    const { chain, api, close } = await launchChainApi(workdir);
    try {
      const { shell, crypto, address } = await startUsdtTopUp(page, host, api, {
        reseller: 'Harbor Proxies',
        customer: { name: 'Mai Tran', email: 'mai@example.com' },
      });
      const status = page.getByRole('main').getByTestId('top-up-status');
      const cancel = status.getByRole('button', { name: 'Cancel payment' });
      // Nothing sent yet: the payer may still back out.
      await expectVisible(cancel);

      // The payer sends the coins; the chain sees them, not yet confirmed.
      await sendCoins(chain.url, address, '100');
      await expectText(crypto.progress, 'Payment seen: 0 of 3 confirmations…');
      await expectHidden(cancel);
      await expectText(shell.balance, '$0.00');
      await screenshot('crypto-coins-seen');
    } catch (error) {
      console.error(`--- billing API output ---\n${api.output()}`);
      throw error;
    } finally {
      await close();
    }
  });
});

import { join } from 'node:path';
import { describe, expect } from 'vitest';
import {
  PUBLISHED_ACCOUNT_KEYS,
  mineBlocks,
  sendCoins,
  startSimulatedChainServer,
  type SimulatedChainServer,
} from '../support/emulators/crypto-chain.js';
import { BillingApi } from './support/billing-api.js';
import { expectText, expectVisible, textOf } from './support/expect-ui.js';
import { signedOutTest as test } from './support/fixtures.js';
import { openTopUp, signInAsAdmin } from './support/flows.js';
import { CryptoCheckout } from './support/pages/crypto-checkout.js';

// Every test signs in to a hosted API: the console starts signed out, with no demo to load.

const CONFIRMATIONS = 3;

describe('topping up in crypto on the simulated chain', () => {
  test('USDT on Tron paid in two parts: QR, amount, address, warning and countdown; underpaid; then paid', async ({
    workdir,
    host,
    page,
    screenshot,
  }) => {
    // The chain: the simulated chain's HTTP face on loopback, which the test pays into as a wallet would.
    const chain: SimulatedChainServer = await startSimulatedChainServer();
    // The API reads that chain. Its events job would tick only once a minute: what moves the
    // payment along here is the chain telling the API it changed.
    const api = new BillingApi({
      cwd: workdir,
      dbFile: join(workdir, 'billing.sqlite'),
      env: { GATEWAY_CRYPTO_API_BASE_URL: chain.url, PAYMENT_POLL_MS: '60000' },
    });
    api.launch();
    try {
      await api.ready();
      const admin = await api.createReseller('Ledger Hosting');
      // Configured purely through the API, nested rate table included.
      await api.offerMethod(
        admin,
        'crypto',
        {
          xpubs: PUBLISHED_ACCOUNT_KEYS,
          rates: { USD: { USDT: '1', BTC: '50000', ETH: '2500' } },
          requiredConfirmations: { USDT: CONFIRMATIONS },
        },
        {
          enabled: true,
          label: 'Crypto (USDT, BTC, ETH)',
          // 1%, paid on top: the payer sends 101 USDT, the wallet gets $100.00.
          feeBasisPoints: 100,
          processingTime: '10-30 minutes',
        },
      );
      const customerId = await api.createCustomer(admin, {
        name: 'Satoshi Tanaka',
        email: 'satoshi@example.com',
      });
      await api.createWallet(admin, customerId, 'USD');

      const shell = await signInAsAdmin(page, host, api, admin);
      await shell.go('Wallet');
      await expectText(shell.balance, '$0.00');
      const topUp = await openTopUp(page, shell);
      const crypto = new CryptoCheckout(page);
      await topUp.preset('$100.00').click();
      await topUp.method(/Crypto/).check();
      await crypto.coinAndNetwork.selectOption({ label: 'USDT on Tron (TRC-20)' });
      // Before paying: what the wallet gets, the fee, and what the payer pays.
      await expectText(topUp.total, 'Amount to the wallet $100.00');
      await expectText(topUp.total, 'Fee $1.00');
      await expectText(topUp.total, 'Total to pay $101.00');
      await expectText(topUp.submit, 'Pay $101.00');
      await screenshot('crypto-form');
      await topUp.submit.click();

      // The invoice: QR code of the address, the exact amount, the network warning, a countdown.
      await expectVisible(crypto.qrCode);
      const alt = (await crypto.qrCode.getAttribute('alt')) ?? '';
      const address = /to (T[1-9A-HJ-NP-Za-km-z]{33})$/.exec(alt)?.[1];
      expect(alt, 'the QR code says what to send where').toMatch(
        /^QR code: send 101\.000000 USDT on Tron \(TRC-20\) to /,
      );
      expect(address).toBeDefined();
      await expectText(crypto.amount, '101.000000 USDT');
      await expectText(crypto.address, address!);
      await expectText(crypto.networkWarning, 'Send only USDT on Tron (TRC-20) to this address');
      const firstCountdown = await textOf(crypto.countdown);
      expect(firstCountdown).toMatch(/^\d{1,2}:\d{2}$/);
      await expect.poll(() => textOf(crypto.countdown), { timeout: 5_000 }).not.toBe(firstCountdown);
      await expectText(crypto.progress, 'Waiting for payment');
      await expectText(page.getByTestId('payment-fee'), '+ fee $1.00 = total to pay $101.00');
      await screenshot('crypto-qr');

      // The payer sends 40 of the 101 USDT; it is mined to the required confirmations.
      await sendCoins(chain.url, address!, '40');
      await mineBlocks(chain.url, CONFIRMATIONS);
      await expectText(topUp.status, 'Underpaid');
      await expectText(
        crypto.progress,
        'Partly paid: send the remaining 61.000000 USDT to the same address.',
      );
      await expectText(crypto.amount, '61.000000 USDT');
      await expectText(crypto.received, '40.000000 USDT');
      await expectText(shell.balance, '$0.00');
      await screenshot('crypto-underpaid');

      // The rest, mined to the required confirmations.
      await sendCoins(chain.url, address!, '61');
      await mineBlocks(chain.url, CONFIRMATIONS);
      await expectText(topUp.status, 'Top-up of $100.00 paid.');
      await expectText(shell.balance, '$100.00');
      await screenshot('crypto-paid');
    } catch (error) {
      console.error(`--- billing API output ---\n${api.output()}`);
      throw error;
    } finally {
      await api.stop();
      await chain.close();
    }
  });
});

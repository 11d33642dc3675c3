import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  PUBLISHED_ACCOUNT_KEYS,
  startSimulatedChainServer,
  type SimulatedChainServer,
} from '../../support/emulators/crypto-chain.js';
import { BillingApi, type ResellerAdmin } from './billing-api.js';
import type { BrowserHost } from './browser-host.js';
import { expectVisible } from './expect-ui.js';
import { openTopUp, signInAsAdmin } from './flows.js';
import { CryptoCheckout } from './pages/crypto-checkout.js';

/**
 * A billing API of the test's own that reads the simulated chain, which the test pays into as a
 * wallet would. Its events job would tick only once a minute: what moves a crypto payment along is
 * the chain telling the API it changed. Launched, not yet ready; `close()` stops both.
 */
export async function launchChainApi(workdir: string, dbName = 'billing.sqlite') {
  const chain: SimulatedChainServer = await startSimulatedChainServer();
  const api = new BillingApi({
    cwd: workdir,
    dbFile: join(workdir, dbName),
    env: { GATEWAY_CRYPTO_API_BASE_URL: chain.url, PAYMENT_POLL_MS: '60000' },
  });
  api.launch();
  const close = async () => {
    await api.stop();
    await chain.close();
  };
  return { chain, api, close };
}

/** The admin offers crypto (the published test keys, no fee) at `rates`, USDT confirmed after `confirmations`. */
export async function offerCrypto(
  api: BillingApi,
  admin: ResellerAdmin,
  rates: Record<string, string>,
  confirmations = 3,
): Promise<void> {
  await api.offerMethod(
    admin,
    'crypto',
    { xpubs: PUBLISHED_ACCOUNT_KEYS, rates: { USD: rates }, requiredConfirmations: { USDT: confirmations } },
    { enabled: true, label: 'Crypto', feeBasisPoints: 0, processingTime: '10-30 minutes' },
  );
}

/**
 * A new reseller offering crypto (USDT confirmed after `confirmations`), a customer with a USD
 * wallet, and its admin signed in on the Top Up screen with a $100.00 top-up in USDT on Tron
 * started: the QR code is shown and `address` waits for the coins.
 */
export async function startUsdtTopUp(
  page: Page,
  host: BrowserHost,
  api: BillingApi,
  who: { reseller: string; customer: { name: string; email: string }; confirmations?: number },
) {
  await api.ready();
  const admin = await api.createReseller(who.reseller);
  await offerCrypto(api, admin, { USDT: '1' }, who.confirmations);
  const customerId = await api.createCustomer(admin, who.customer);
  await api.createWallet(admin, customerId, 'USD');
  const shell = await signInAsAdmin(page, host, api, admin);
  const topUp = await openTopUp(page, shell);
  const crypto = new CryptoCheckout(page);
  await topUp.preset('$100.00').click();
  await topUp.method(/Crypto/).check();
  await crypto.coinAndNetwork.selectOption({ label: 'USDT on Tron (TRC-20)' });
  await topUp.submit.click();
  await expectVisible(crypto.qrCode);
  const address = /to (T\w+)$/.exec((await crypto.qrCode.getAttribute('alt')) ?? '')![1]!;
  return { shell, topUp, crypto, address };
}

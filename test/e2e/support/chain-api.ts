import { join } from 'node:path';
import {
  PUBLISHED_ACCOUNT_KEYS,
  startSimulatedChainServer,
  type SimulatedChainServer,
} from '../../support/emulators/crypto-chain.js';
import { BillingApi, type ResellerAdmin } from './billing-api.js';

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

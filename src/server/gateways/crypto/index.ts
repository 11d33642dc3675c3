import { resellerFetchOf } from '../../outbound/guarded-fetch.js';
import type { GatewayDefinition, GatewayEnvironment } from '../provider.js';
import type { ChainSource } from './chain-source.js';
import { accountKeyIds, cryptoCredentialsSchema, type CryptoCredentials } from './credentials.js';
import { HttpChainSource } from './http-chain-source.js';
import { CryptoProvider, resellerRates, type RateSource } from './provider.js';

export type { ChainSource, ChainTransfer } from './chain-source.js';
export { cryptoCredentialsSchema, type CryptoCredentials } from './credentials.js';
export { HttpChainSource } from './http-chain-source.js';
export { LiveRates, type LiveRatesOptions, type LiveRatesSettings } from './live-rates.js';
export { decodeInvoiceId, type CryptoInvoice } from './payment-id.js';
export {
  CryptoProvider,
  cryptoCreditExpectation,
  cryptoRemainder,
  fixedRates,
  type RateSource,
} from './provider.js';
export { SimulatedChain } from './simulated-chain.js';
export { startSimulatedChainServer, type SimulatedChainServer } from './simulated-chain-server.js';

/**
 * Reads the chain over HTTP: the environment's apiBaseUrl (the operator's emulator), or the stored
 * chainUrl (the reseller's, so through the outbound guard).
 */
function chainSourceFor(credentials: CryptoCredentials, env: GatewayEnvironment): ChainSource {
  if (env.apiBaseUrl) return new HttpChainSource(env.apiBaseUrl);
  if (credentials.chainUrl) return new HttpChainSource(credentials.chainUrl, resellerFetchOf(env));
  // Missing configuration is a fault worth retrying once fixed, not a reason to show "unpaid".
  const unconfigured = () => Promise.reject(new Error('the crypto gateway has no chain source configured'));
  return { tipHeight: unconfigured, transfersTo: unconfigured };
}

export const cryptoGateway: GatewayDefinition<CryptoCredentials> = {
  id: 'crypto',
  credentialsSchema: cryptoCredentialsSchema,
  create: (credentials, env) => new CryptoProvider(credentials, env, chainSourceFor(credentials, env)),
  resellerUrls: (c) => ({ chainUrl: c.chainUrl }),
  exclusiveIds: accountKeyIds,
};

/** The same gateway on a chain source held in this process (the embedded demo's simulated chain). */
export function cryptoGatewayOn(
  chain: ChainSource,
  options: { rates?: RateSource } = {},
): GatewayDefinition<CryptoCredentials> {
  return {
    id: 'crypto',
    credentialsSchema: cryptoCredentialsSchema,
    create: (credentials, env) =>
      new CryptoProvider(credentials, env, chain, options.rates ?? resellerRates(credentials, env.liveRates)),
    exclusiveIds: accountKeyIds,
  };
}

import { resellerFetchOf } from '../../outbound/guarded-fetch.js';
import type { GatewayDefinition, GatewayEnvironment } from '../provider.js';
import type { ChainSource } from './chain-source.js';
import { accountKeyIds, cryptoCredentialsSchema, type CryptoCredentials } from './credentials.js';
import {
  ChainSourceByNetwork,
  chainSourcesOf,
  hasChainEndpoints,
  unobservedNetworks,
} from './chain-sources/by-network.js';
import { HttpChainSource } from './http-chain-source.js';
import { CryptoProvider, resellerRates, type RateSource } from './provider.js';

export type { ChainSource, ChainTransfer } from './chain-source.js';
export { cryptoCredentialsSchema, type CryptoCredentials } from './credentials.js';
export { HttpChainSource } from './http-chain-source.js';
export { ChainSourceByNetwork, type ChainEndpoints } from './chain-sources/by-network.js';
export { EsploraSource } from './chain-sources/esplora.js';
export { EthereumRpcSource } from './chain-sources/ethereum-rpc.js';
export { TronGridSource } from './chain-sources/trongrid.js';
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
function simulatedOrResellerSource(credentials: CryptoCredentials, env: GatewayEnvironment): ChainSource {
  if (env.apiBaseUrl) return new HttpChainSource(env.apiBaseUrl);
  if (credentials.chainUrl) return new HttpChainSource(credentials.chainUrl, resellerFetchOf(env));
  // Missing configuration is a fault worth retrying once fixed, not a reason to show "unpaid".
  const unconfigured = () => Promise.reject(new Error('the crypto gateway has no chain source configured'));
  return { tipHeight: unconfigured, transfersTo: unconfigured };
}

/**
 * The operator's real chain APIs (CHAIN_*: Esplora, Ethereum JSON-RPC, TronGrid) for the networks
 * it configured, through the outbound guard; every other network reads the source above.
 */
function chainSourceFor(credentials: CryptoCredentials, env: GatewayEnvironment): ChainSource {
  const fallback = simulatedOrResellerSource(credentials, env);
  if (!hasChainEndpoints(env.chainEndpoints)) return fallback;
  const sources = chainSourcesOf(env.chainEndpoints, resellerFetchOf(env), {
    ...(credentials.usdtContract ? { usdtContract: credentials.usdtContract } : {}),
  });
  return new ChainSourceByNetwork(sources, fallback);
}

/** The networks of these credentials no chain source of this server observes (stored before the check, or CHAIN_* removed since). */
function unobservedBy(
  credentials: CryptoCredentials,
  env: Pick<GatewayEnvironment, 'apiBaseUrl' | 'chainEndpoints'>,
): Record<string, string> {
  return unobservedNetworks(credentials.xpubs, {
    apiBaseUrl: env.apiBaseUrl,
    chainUrl: credentials.chainUrl,
    endpoints: env.chainEndpoints,
  });
}

export const cryptoGateway: GatewayDefinition<CryptoCredentials> = {
  id: 'crypto',
  credentialsSchema: cryptoCredentialsSchema,
  create: (credentials, env) =>
    new CryptoProvider(
      credentials,
      env,
      chainSourceFor(credentials, env),
      undefined,
      unobservedBy(credentials, env),
    ),
  resellerUrls: (c) => ({ chainUrl: c.chainUrl }),
  exclusiveIds: accountKeyIds,
  unservedFields: unobservedBy,
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

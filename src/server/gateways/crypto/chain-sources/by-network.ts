import type { OutboundFetch } from '../../../outbound/guarded-fetch.js';
import type { CoinNetwork, CryptoRail } from '../assets.js';
import type { ChainSource, ChainTransaction, ChainTransfer } from '../chain-source.js';
import { EsploraSource } from './esplora.js';
import { EthereumRpcSource } from './ethereum-rpc.js';
import { TronGridSource } from './trongrid.js';

/** The chain APIs the operator configured (CHAIN_* in config.ts); each network is optional. */
export interface ChainEndpoints {
  bitcoinEsploraUrl?: string;
  ethereumRpcUrl?: string;
  tronApiUrl?: string;
  tronApiKey?: string;
}

export const hasChainEndpoints = (e: ChainEndpoints | undefined): e is ChainEndpoints =>
  !!e && !!(e.bitcoinEsploraUrl || e.ethereumRpcUrl || e.tronApiUrl);

/** One source per configured network, reached through `http` (the outbound guard). */
export function chainSourcesOf(
  endpoints: ChainEndpoints,
  http: OutboundFetch,
  options: { usdtContract?: string } = {},
): Partial<Record<CoinNetwork, ChainSource>> {
  return {
    ...(endpoints.bitcoinEsploraUrl ? { bitcoin: new EsploraSource(endpoints.bitcoinEsploraUrl, http) } : {}),
    ...(endpoints.ethereumRpcUrl
      ? {
          ethereum: new EthereumRpcSource(endpoints.ethereumRpcUrl, http, {
            ...(options.usdtContract ? { usdtContract: options.usdtContract } : {}),
          }),
        }
      : {}),
    ...(endpoints.tronApiUrl
      ? {
          tron: new TronGridSource(endpoints.tronApiUrl, http, {
            ...(endpoints.tronApiKey ? { apiKey: endpoints.tronApiKey } : {}),
          }),
        }
      : {}),
  };
}

/**
 * Sends each question to the source of its network, and a network with none configured to
 * `fallback` (the simulated chain of the demo and the tests, or a reseller's chain URL).
 */
export class ChainSourceByNetwork implements ChainSource {
  constructor(
    private readonly sources: Partial<Record<CoinNetwork, ChainSource>>,
    private readonly fallback: ChainSource,
  ) {}

  private of(network: CoinNetwork): ChainSource {
    return this.sources[network] ?? this.fallback;
  }

  tipHeight(network: CoinNetwork, signal?: AbortSignal): Promise<number> {
    return this.of(network).tipHeight(network, signal);
  }

  transfersTo(rail: CryptoRail, address: string, signal?: AbortSignal): Promise<ChainTransfer[]> {
    return this.of(rail.network).transfersTo(rail, address, signal);
  }

  /** A bare hash names no network (they are all 32 bytes of hex): each source is asked in turn. */
  async transaction(txid: string, signal?: AbortSignal): Promise<ChainTransaction | null> {
    const distinct = [...new Set([...Object.values(this.sources), this.fallback])];
    for (const source of distinct) {
      const found = source.transaction ? await source.transaction(txid, signal) : null;
      if (found) return found;
    }
    return null;
  }
}

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

/** The setting that gives each network its operator-run chain API (config.ts). */
const ENDPOINT_SETTINGS: Record<CoinNetwork, { key: keyof ChainEndpoints; setting: string }> = {
  bitcoin: { key: 'bitcoinEsploraUrl', setting: 'CHAIN_BITCOIN_ESPLORA_URL' },
  ethereum: { key: 'ethereumRpcUrl', setting: 'CHAIN_ETHEREUM_RPC_URL' },
  tron: { key: 'tronApiUrl', setting: 'CHAIN_TRON_API_URL' },
};

const NETWORK_NAMES: Record<CoinNetwork, string> = { bitcoin: 'Bitcoin', ethereum: 'Ethereum', tron: 'Tron' };

/**
 * The networks of `xpubs` that nothing would observe (by credentials field, with why and what to do):
 * no operator chain API for that network, no chain emulator (`apiBaseUrl`) and no chain URL of the
 * reseller's own. Addresses would be shown on such a network and paid, and the payment never seen:
 * the crypto gateway refuses to store such a key rather than take money it cannot confirm.
 */
export function unobservedNetworks(
  xpubs: Partial<Record<CoinNetwork, string>>,
  sources: {
    apiBaseUrl?: string | undefined;
    chainUrl?: string | undefined;
    endpoints?: ChainEndpoints | undefined;
  },
): Record<string, string> {
  if (sources.apiBaseUrl || sources.chainUrl) return {};
  const gaps: Record<string, string> = {};
  for (const network of ['bitcoin', 'ethereum', 'tron'] as const) {
    if (xpubs[network] === undefined || sources.endpoints?.[ENDPOINT_SETTINGS[network].key]) continue;
    gaps[`xpubs.${network}`] =
      `no chain source watches ${NETWORK_NAMES[network]} on this server, so payments to these addresses ` +
      `could never be confirmed: give a chain source URL, or ask the server's operator to set ` +
      `${ENDPOINT_SETTINGS[network].setting}`;
  }
  return gaps;
}

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

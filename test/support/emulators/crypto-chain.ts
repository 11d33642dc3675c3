/**
 * The simulated chain for tests: the server itself lives in src/ (the embedded demo runs it too);
 * these are the calls a test makes to pay into it from outside the API's process, over HTTP.
 */
export {
  SimulatedChain,
  startSimulatedChainServer,
  type SimulatedChainServer,
} from '../../../src/server/gateways/crypto/index.js';
/** The published test-vector account keys (public; their seed is public too): what tests configure. */
export {
  PUBLISHED_ACCOUNT_KEYS,
  PUBLISHED_TESTNET_BITCOIN_KEY,
  publishedAddress,
} from '../../../src/server/gateways/crypto/published-keys.js';

async function post(chainUrl: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${chainUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Sends `amount` whole coins ("0.0015") to `address`; `asset` "USDT" for ERC-20 to a 0x address. */
export async function sendCoins(
  chainUrl: string,
  address: string,
  amount: string,
  asset?: 'BTC' | 'ETH' | 'USDT',
): Promise<string> {
  const reply = await post(chainUrl, '/chain/send', { address, amount, ...(asset ? { asset } : {}) });
  return String(reply.txid);
}

/** Mines `blocks` blocks and returns the new tip height. */
export async function mineBlocks(chainUrl: string, blocks = 1): Promise<number> {
  return Number((await post(chainUrl, '/chain/mine', { blocks })).height);
}

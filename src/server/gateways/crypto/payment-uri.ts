import { isBitcoinAddress, isEthereumAddress, isTronAddress } from './address.js';
import { baseUnits, formatCoinAmountShort, parseCoinAmount, type BaseUnits } from './amounts.js';
import { USDT_CONTRACTS, type CryptoRail } from './assets.js';

/**
 * What goes into the QR code of a crypto invoice. Each payload is what wallets on that network
 * actually scan; the amount is in the payload where the format allows it, so the payer does not
 * type it.
 */

export class PaymentUriError extends Error {
  override readonly name = 'PaymentUriError';
}

// BIP-21: https://github.com/bitcoin/bips/blob/master/bip-0021.mediawiki
//   bitcoin:<address>[?amount=<BTC decimal>][&label=<pct-encoded>][&message=<pct-encoded>]
// "amount" is in whole BTC with "." as the separator and no grouping; label and message are
// percent-encoded UTF-8. Unknown "req-" parameters make the URI unusable to a wallet (it must refuse).
export interface Bip21Request {
  address: string;
  amount?: BaseUnits | undefined;
  label?: string | undefined;
  message?: string | undefined;
}

export function bip21Uri(request: Bip21Request, options: { testnet?: boolean } = {}): string {
  if (!isBitcoinAddress(request.address, options)) {
    throw new PaymentUriError(`not a bitcoin address: ${request.address}`);
  }
  const params: string[] = [];
  if (request.amount !== undefined) params.push(`amount=${formatCoinAmountShort(request.amount, 'BTC')}`);
  if (request.label) params.push(`label=${encodeURIComponent(request.label)}`);
  if (request.message) params.push(`message=${encodeURIComponent(request.message)}`);
  return `bitcoin:${request.address}${params.length ? `?${params.join('&')}` : ''}`;
}

/** Splits "k=v&k2=v2", refusing a repeated key: two amounts in one URI have no agreed meaning. */
function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  if (query === '') return params;
  for (const part of query.split('&')) {
    const at = part.indexOf('=');
    if (at <= 0) throw new PaymentUriError(`malformed parameter: ${part}`);
    const key = part.slice(0, at);
    if (params.has(key)) throw new PaymentUriError(`repeated parameter: ${key}`);
    let value: string;
    try {
      value = decodeURIComponent(part.slice(at + 1));
    } catch {
      throw new PaymentUriError(`bad percent-encoding in ${key}`);
    }
    params.set(key, value);
  }
  return params;
}

function splitUri(uri: string, scheme: string): { target: string; query: string } {
  const prefix = `${scheme}:`;
  if (uri.slice(0, prefix.length).toLowerCase() !== prefix) throw new PaymentUriError(`not a ${scheme}: URI`);
  const rest = uri.slice(prefix.length);
  const q = rest.indexOf('?');
  return q < 0 ? { target: rest, query: '' } : { target: rest.slice(0, q), query: rest.slice(q + 1) };
}

export function parseBip21(uri: string, options: { testnet?: boolean } = {}): Bip21Request {
  const { target: address, query } = splitUri(uri, 'bitcoin');
  if (!isBitcoinAddress(address, options)) throw new PaymentUriError(`not a bitcoin address: ${address}`);
  const params = parseQuery(query);
  const request: Bip21Request = { address };
  for (const [key, value] of params) {
    if (key === 'amount') {
      const amount = parseCoinAmount(value, 'BTC');
      if (!amount.ok) throw new PaymentUriError(`bad amount: ${value}`);
      request.amount = amount.value;
    } else if (key === 'label') request.label = value;
    else if (key === 'message') request.message = value;
    else if (key.startsWith('req-')) throw new PaymentUriError(`required parameter not understood: ${key}`);
  }
  return request;
}

// EIP-681: https://eips.ethereum.org/EIPS/eip-681
//   ether:  ethereum:<address>@<chainId>?value=<wei>
//   ERC-20: ethereum:<token contract>@<chainId>/transfer?address=<recipient>&uint256=<base units>
// Amounts are integers in the smallest unit (wei, token base units); we write them as plain digits,
// never the "2.014e18" notation the grammar also allows, because not every wallet parses that.
// The chain id is always written: without it a wallet pays on whatever network it is connected to.
export type Eip681Request =
  | { kind: 'ether'; address: string; chainId: number; value: BaseUnits }
  | { kind: 'erc20'; token: string; chainId: number; recipient: string; amount: BaseUnits };

function checkChainId(chainId: number) {
  if (!Number.isSafeInteger(chainId) || chainId < 1) throw new PaymentUriError(`bad chain id: ${chainId}`);
}

function checkEthereumAddress(address: string) {
  if (!isEthereumAddress(address)) throw new PaymentUriError(`not an ethereum address: ${address}`);
}

export function eip681Uri(request: Eip681Request): string {
  checkChainId(request.chainId);
  if (request.kind === 'ether') {
    checkEthereumAddress(request.address);
    return `ethereum:${request.address}@${request.chainId}?value=${request.value}`;
  }
  checkEthereumAddress(request.token);
  checkEthereumAddress(request.recipient);
  return `ethereum:${request.token}@${request.chainId}/transfer?address=${request.recipient}&uint256=${request.amount}`;
}

function parseInteger(text: string | undefined, what: string): BaseUnits {
  if (text === undefined || !/^\d+$/.test(text)) throw new PaymentUriError(`bad ${what}: ${text}`);
  return baseUnits(BigInt(text));
}

export function parseEip681(uri: string): Eip681Request {
  const { target, query } = splitUri(uri, 'ethereum');
  const match = /^(0x[0-9a-fA-F]{40})@(\d+)(?:\/(\w+))?$/.exec(target);
  if (!match) throw new PaymentUriError(`unsupported EIP-681 target: ${target}`);
  const [, address = '', chain = '', fn] = match;
  const chainId = Number(chain);
  checkChainId(chainId);
  const params = parseQuery(query);
  if (fn === undefined) {
    if ([...params.keys()].some((key) => key !== 'value')) throw new PaymentUriError('unexpected parameter');
    return { kind: 'ether', address, chainId, value: parseInteger(params.get('value'), 'value') };
  }
  if (fn !== 'transfer') throw new PaymentUriError(`unsupported function: ${fn}`);
  if (params.size !== 2) throw new PaymentUriError('transfer takes exactly address and uint256');
  const recipient = params.get('address') ?? '';
  checkEthereumAddress(recipient);
  return {
    kind: 'erc20',
    token: address,
    chainId,
    recipient,
    amount: parseInteger(params.get('uint256'), 'uint256'),
  };
}

/**
 * The QR payload for an invoice on `rail`.
 *
 * USDT on Tron (TRC-20) is a bare base58 address: Tron has no payment-URI standard that wallets agree
 * on (TronLink, Trust Wallet and exchange apps all scan a plain "T…" address, and each vendor's own
 * "tron:…?amount=" variant is read by few others), so the payer types the amount, which the desktop
 * shows beside the QR code with a copy button and the TRC-20 network warning.
 */
export function invoicePayload(
  rail: CryptoRail,
  address: string,
  amount: BaseUnits,
  options: { chainId: number; testnet?: boolean; label?: string; usdtContract?: string },
): string {
  switch (rail.network) {
    case 'bitcoin':
      return bip21Uri({ address, amount, label: options.label }, { testnet: options.testnet ?? false });
    case 'ethereum':
      return rail.asset === 'ETH'
        ? eip681Uri({ kind: 'ether', address, chainId: options.chainId, value: amount })
        : eip681Uri({
            kind: 'erc20',
            // A test chain deploys its own token; mainnet is Tether's contract.
            token: options.usdtContract ?? USDT_CONTRACTS.ethereum,
            chainId: options.chainId,
            recipient: address,
            amount,
          });
    case 'tron':
      if (!isTronAddress(address)) throw new PaymentUriError(`not a tron address: ${address}`);
      return address;
  }
}

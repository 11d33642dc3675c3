import { createHmac } from 'node:crypto';
import { base58CheckEncode, isAddressFor, segwitV0Address, toChecksumAddress } from './address.js';
import type { CoinNetwork } from './assets.js';

/**
 * A receiving address per payment, derived from the reseller's secret and our payment reference:
 * the same inputs always give the same address (a retried checkout shows the same QR code), and
 * no two payments share one, so whatever arrives at an address belongs to exactly one payment.
 *
 * These are well-formed, checksummed addresses whose 20 bytes come from HMAC-SHA256, not public
 * keys: nobody holds a key that spends from them. That is what the simulated chain needs and all it
 * is for. A live deployment plugs in an xpub-based derivation (BIP-32 for bitcoin, the account's key
 * for Ethereum and Tron) behind this same function signature.
 */
export function deriveAddress(
  network: CoinNetwork,
  secret: string,
  reference: string,
  options: { testnet?: boolean } = {},
): string {
  const account = createHmac('sha256', secret).update(`${network}\0${reference}`).digest().subarray(0, 20);
  const address = (() => {
    switch (network) {
      case 'bitcoin':
        return segwitV0Address(options.testnet ? 'tb' : 'bc', account);
      case 'ethereum':
        return toChecksumAddress(`0x${account.toString('hex')}`);
      case 'tron':
        return base58CheckEncode(Buffer.concat([Buffer.from([0x41]), account]));
    }
  })();
  // An address that fails its own network's check must never reach a QR code.
  if (!isAddressFor(network, address, options)) throw new Error(`derived an invalid ${network} address`);
  return address;
}

import { keccak_256 } from '@noble/hashes/sha3.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bech32, bech32m, createBase58check, hex } from '@scure/base';
import type { CoinNetwork } from './assets.js';

/**
 * Receiving-address encodings and checks for the rails we invoice on. Coins sent to a mistyped
 * address are gone, so an address is checked before it is ever put in a QR code: Base58Check,
 * Bech32/Bech32m and EIP-55 checksums, all computed by audited libraries (@scure/base, @noble/hashes).
 */

export const base58check = createBase58check(sha256);

/** The payload (version byte + hash) of a valid Base58Check string, or null. */
function base58CheckPayload(text: string): Uint8Array | null {
  try {
    return base58check.decode(text);
  } catch {
    return null;
  }
}

/**
 * A segwit address for `hrp`: witness version 0 in Bech32 (BIP-173) with a 20- or 32-byte program,
 * versions 1..16 in Bech32m (BIP-350) with 2..40 bytes. Lowercase only, as wallets write them.
 */
function isSegwitAddress(address: string, hrp: string): boolean {
  if (address !== address.toLowerCase()) return false;
  const bech32Decoded = bech32.decodeUnsafe(address);
  const decoded = bech32Decoded ?? bech32m.decodeUnsafe(address);
  if (!decoded || decoded.prefix !== hrp) return false;
  const [version, ...words] = decoded.words;
  if (version === undefined || version > 16) return false;
  // Version 0 uses Bech32, later versions Bech32m: the other checksum is invalid (BIP-350).
  if ((version === 0) !== (bech32Decoded !== undefined)) return false;
  // fromWordsUnsafe also refuses non-zero or overlong padding (a non-canonical encoding).
  const program = bech32.fromWordsUnsafe(words);
  if (!program || program.length < 2 || program.length > 40) return false;
  return version !== 0 || program.length === 20 || program.length === 32;
}

/** A version-0 segwit address (P2WPKH for 20 bytes, P2WSH for 32) under `hrp`, per BIP-173. */
export function segwitV0Address(hrp: 'bc' | 'tb', program: Uint8Array): string {
  if (program.length !== 20 && program.length !== 32) throw new RangeError('v0 programs are 20 or 32 bytes');
  return bech32.encode(hrp, [0, ...bech32.toWords(program)]);
}

/** Bitcoin mainnet (P2PKH "1…", P2SH "3…", segwit "bc1…") or, with `testnet`, the testnet forms. */
export function isBitcoinAddress(address: string, options: { testnet?: boolean } = {}): boolean {
  if (options.testnet) {
    if (address.startsWith('tb1')) return isSegwitAddress(address, 'tb');
  } else if (address.startsWith('bc1')) {
    return isSegwitAddress(address, 'bc');
  }
  const payload = base58CheckPayload(address);
  if (!payload || payload.length !== 21) return false;
  const versions = options.testnet ? [0x6f, 0xc4] : [0x00, 0x05];
  return versions.includes(payload[0] ?? -1);
}

/**
 * "0x" + 40 hex digits, with the EIP-55 checksum held to when the case is mixed: an all-lowercase or
 * all-uppercase address carries no checksum (EIP-55 accepts both), a mixed-case one must match it.
 * Source: https://eips.ethereum.org/EIPS/eip-55
 */
export function isEthereumAddress(address: string): boolean {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return false;
  const digits = address.slice(2);
  if (digits === digits.toLowerCase() || digits === digits.toUpperCase()) return true;
  return toChecksumAddress(address) === address;
}

/** The EIP-55 form: each hex letter uppercased where the Keccak-256 of the lowercase hex has a nibble ≥ 8. */
export function toChecksumAddress(address: string): string {
  const digits = address.slice(2).toLowerCase();
  const hash = keccak_256(new TextEncoder().encode(digits));
  let out = '0x';
  for (let i = 0; i < digits.length; i++) {
    const nibble = ((hash[i >> 1] ?? 0) >> (i % 2 === 0 ? 4 : 0)) & 0xf;
    out += nibble >= 8 ? (digits[i] ?? '').toUpperCase() : (digits[i] ?? '');
  }
  return out;
}

/** The checksummed Ethereum address of a 20-byte account id. */
export function ethereumAddress(account: Uint8Array): string {
  if (account.length !== 20) throw new RangeError('an account id is 20 bytes');
  return toChecksumAddress(`0x${hex.encode(account)}`);
}

/** Tron's mainnet address prefix: 0x41 before the 20-byte account id, hence "T…". */
const TRON_PREFIX = 0x41;

/** The Tron base58 address of a 20-byte account id (the same id Ethereum would use). */
export function tronAddress(account: Uint8Array): string {
  if (account.length !== 20) throw new RangeError('an account id is 20 bytes');
  return base58check.encode(Uint8Array.of(TRON_PREFIX, ...account));
}

/** Tron base58 address: Base58Check of 0x41 + 20-byte account id ("T…", 34 characters). */
export function isTronAddress(address: string): boolean {
  const payload = base58CheckPayload(address);
  return payload !== null && payload.length === 21 && payload[0] === TRON_PREFIX;
}

export function isAddressFor(network: CoinNetwork, address: string, options: { testnet?: boolean } = {}) {
  switch (network) {
    case 'bitcoin':
      return isBitcoinAddress(address, options);
    case 'ethereum':
      return isEthereumAddress(address);
    case 'tron':
      return isTronAddress(address);
  }
}

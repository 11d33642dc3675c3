import { createHash } from 'node:crypto';
import type { CoinNetwork } from './assets.js';

/**
 * Receiving-address checks for the rails we invoice on. Coins sent to a mistyped address are gone,
 * so an address is checked before it is ever put in a QR code: checksums where the format has one
 * that node:crypto can compute (Base58Check, Bech32/Bech32m), the exact shape otherwise.
 */

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58Decode(text: string): Uint8Array | null {
  let value = 0n;
  for (const char of text) {
    const digit = BASE58.indexOf(char);
    if (digit < 0) return null;
    value = value * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  while (value > 0n) {
    bytes.unshift(Number(value % 256n));
    value /= 256n;
  }
  // Each leading "1" stands for a leading zero byte.
  for (const char of text) {
    if (char !== '1') break;
    bytes.unshift(0);
  }
  return Uint8Array.from(bytes);
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest();

/** The payload (version byte + hash) of a valid Base58Check string, or null. */
function base58CheckPayload(text: string): Uint8Array | null {
  const bytes = base58Decode(text);
  if (!bytes || bytes.length < 5) return null;
  const payload = bytes.subarray(0, bytes.length - 4);
  const checksum = sha256(sha256(payload)).subarray(0, 4);
  return Buffer.compare(checksum, bytes.subarray(bytes.length - 4)) === 0 ? payload : null;
}

// BIP-173 (Bech32) and BIP-350 (Bech32m): https://github.com/bitcoin/bips/blob/master/bip-0350.mediawiki
const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: number[]): number {
  let chk = 1;
  for (const value of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GENERATOR[i] ?? 0;
  }
  return chk >>> 0;
}

function hrpExpand(hrp: string): number[] {
  const codes = [...hrp].map((c) => c.charCodeAt(0));
  return [...codes.map((c) => c >> 5), 0, ...codes.map((c) => c & 31)];
}

/** Decodes a lowercase segwit address for `hrp`; checks the witness version against the checksum kind. */
function isSegwitAddress(address: string, hrp: string): boolean {
  if (address !== address.toLowerCase() || address.length > 90) return false;
  const separator = address.lastIndexOf('1');
  if (address.slice(0, separator) !== hrp) return false;
  const data: number[] = [];
  for (const char of address.slice(separator + 1)) {
    const value = BECH32_CHARSET.indexOf(char);
    if (value < 0) return false;
    data.push(value);
  }
  if (data.length < 7) return false;
  const version = data[0] ?? -1;
  if (version > 16) return false;
  const residue = polymod([...hrpExpand(hrp), ...data]);
  // Version 0 uses Bech32, versions 1..16 use Bech32m (BIP-350): the other constant is invalid.
  if (residue !== (version === 0 ? BECH32_CONST : BECH32M_CONST)) return false;
  const programBits = (data.length - 7) * 5;
  const programBytes = Math.floor(programBits / 8);
  // Leftover bits are padding: fewer than 5 and all zero, or the encoding is not canonical.
  const padding = programBits % 8;
  if (padding >= 5 || ((data[data.length - 7] ?? 0) & ((1 << padding) - 1)) !== 0) return false;
  if (programBytes < 2 || programBytes > 40) return false;
  return version !== 0 || programBytes === 20 || programBytes === 32;
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
 * "0x" + 40 hex digits. The mixed-case EIP-55 checksum needs Keccak-256, which node:crypto does not
 * offer (its "sha3-256" is the NIST variant), so only the shape is checked here; addresses come from
 * our own derivation, not from typing.
 */
export function isEthereumAddress(address: string): boolean {
  return /^0x[0-9a-fA-F]{40}$/.test(address);
}

/** Tron base58 address: Base58Check of 0x41 + 20-byte account id ("T…", 34 characters). */
export function isTronAddress(address: string): boolean {
  const payload = base58CheckPayload(address);
  return payload !== null && payload.length === 21 && payload[0] === 0x41;
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

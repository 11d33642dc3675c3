import { createHash } from 'node:crypto';
import type { CoinNetwork } from './assets.js';
import { keccak256 } from './keccak.js';

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

/** Base58Check of `payload` (version byte + hash): the encoder matching base58CheckPayload. */
export function base58CheckEncode(payload: Uint8Array): string {
  const bytes = Buffer.concat([payload, sha256(sha256(payload)).subarray(0, 4)]);
  let value = BigInt(`0x${bytes.toString('hex') || '0'}`);
  let text = '';
  while (value > 0n) {
    text = BASE58[Number(value % 58n)] + text;
    value /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    text = `1${text}`;
  }
  return text;
}

/** A version-0 segwit address (P2WPKH for 20 bytes, P2WSH for 32) under `hrp`, per BIP-173. */
export function segwitV0Address(hrp: 'bc' | 'tb', program: Uint8Array): string {
  if (program.length !== 20 && program.length !== 32) throw new RangeError('v0 programs are 20 or 32 bytes');
  // Regroup 8-bit bytes into 5-bit symbols, zero-padding the last.
  const data = [0];
  let accumulator = 0;
  let bits = 0;
  for (const byte of program) {
    accumulator = (accumulator << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      data.push((accumulator >> bits) & 31);
    }
  }
  if (bits > 0) data.push((accumulator << (5 - bits)) & 31);
  const residue = polymod([...hrpExpand(hrp), ...data, 0, 0, 0, 0, 0, 0]) ^ BECH32_CONST;
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (residue >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...data, ...checksum].map((v) => BECH32_CHARSET[v]).join('')}`;
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
  const hex = address.slice(2);
  if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) return true;
  return toChecksumAddress(address) === address;
}

/** The EIP-55 form: each hex letter uppercased where the Keccak-256 of the lowercase hex has a nibble ≥ 8. */
export function toChecksumAddress(address: string): string {
  const hex = address.slice(2).toLowerCase();
  const hash = keccak256(hex);
  let out = '0x';
  for (let i = 0; i < hex.length; i++) {
    const nibble = ((hash[i >> 1] ?? 0) >> (i % 2 === 0 ? 4 : 0)) & 0xf;
    out += nibble >= 8 ? (hex[i] ?? '').toUpperCase() : (hex[i] ?? '');
  }
  return out;
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

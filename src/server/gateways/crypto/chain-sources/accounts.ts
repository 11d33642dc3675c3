import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { createBase58check } from '@scure/base';

/**
 * Ethereum and Tron accounts are the same 20 bytes (the tail of keccak-256 of one secp256k1 public
 * key), written differently: 0x + hex on Ethereum, base58check of 0x41 + the bytes on Tron. So the
 * key behind an address we derived on one network also holds that account on the other: USDT sent
 * there by mistake is not lost, and we can find it.
 */
const base58check = createBase58check(sha256);
const TRON_PREFIX = 0x41;

/** The 20 account bytes of an Ethereum (0x…) or Tron (T…) address; null for anything else. */
export function accountBytes(address: string): Uint8Array | null {
  if (/^0x[0-9a-fA-F]{40}$/.test(address)) return hexToBytes(address.slice(2));
  if (/^T[1-9A-HJ-NP-Za-km-z]{33}$/.test(address)) {
    try {
      const bytes = base58check.decode(address);
      return bytes.length === 21 && bytes[0] === TRON_PREFIX ? bytes.slice(1) : null;
    } catch {
      return null;
    }
  }
  return null;
}

export function tronAddress(account: Uint8Array): string {
  return base58check.encode(Uint8Array.of(TRON_PREFIX, ...account));
}

/** EIP-55 mixed-case checksum form, as wallets display it. */
export function ethereumAddress(account: Uint8Array): string {
  const hex = bytesToHex(account);
  const hash = bytesToHex(keccak_256(new TextEncoder().encode(hex)));
  let out = '0x';
  for (let i = 0; i < hex.length; i++) out += parseInt(hash[i]!, 16) >= 8 ? hex[i]!.toUpperCase() : hex[i];
  return out;
}

/** The 32-byte topic an indexed address takes in an event log: 12 zero bytes, then the account. */
export function addressTopic(account: Uint8Array): string {
  return `0x${'0'.repeat(24)}${bytesToHex(account)}`;
}

/** keccak-256("Transfer(address,address,uint256)"): topic 0 of every ERC-20 / TRC-20 transfer. */
export const TRANSFER_TOPIC = `0x${bytesToHex(keccak_256(new TextEncoder().encode('Transfer(address,address,uint256)')))}`;

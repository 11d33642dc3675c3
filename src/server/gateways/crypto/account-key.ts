import { secp256k1 } from '@noble/curves/secp256k1.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hex } from '@scure/base';
import { HDKey } from '@scure/bip32';
import { base58check, ethereumAddress, segwitV0Address, tronAddress } from './address.js';
import type { CoinNetwork } from './assets.js';

/**
 * The reseller's wallet, as we may hold it: one account-level extended PUBLIC key per network. Each
 * payment gets the receiving address at <account>/0/<index> (BIP-44 "external chain"), so the
 * reseller's own wallet, restored from its seed, sees and spends every payment. No private key ever
 * enters the system: a key with a private part is refused, never stored, never derived from.
 *
 *   bitcoin   BIP-84 native SegWit (bc1q…): a zpub, or the same account key serialised as an xpub
 *             (m/84'/0'/0'); on testnet a vpub or tpub (m/84'/1'/0').
 *   ethereum  BIP-44 m/44'/60'/0', an xpub.
 *   tron      BIP-44 m/44'/195'/0', an xpub.
 */

/** SLIP-132 version bytes of extended keys, public and private, as wallets export them. */
const PUBLIC_VERSIONS = {
  xpub: 0x0488b21e,
  ypub: 0x049d7cb2,
  zpub: 0x04b24746,
  tpub: 0x043587cf,
  upub: 0x044a5262,
  vpub: 0x045f1cf6,
} as const;
const PRIVATE_VERSIONS = new Set([0x0488ade4, 0x049d7878, 0x04b2430c, 0x04358394, 0x044a4e28, 0x045f18bc]);
type PublicPrefix = keyof typeof PUBLIC_VERSIONS;

/** Which serialisations each network takes (and whether a bitcoin key is a testnet one). */
const ACCEPTED: Record<CoinNetwork, Partial<Record<PublicPrefix, { testnet: boolean }>>> = {
  bitcoin: {
    xpub: { testnet: false },
    zpub: { testnet: false },
    tpub: { testnet: true },
    vpub: { testnet: true },
  },
  ethereum: { xpub: { testnet: false } },
  tron: { xpub: { testnet: false } },
};

/** Where the account key sits in the wallet's tree, for the reseller's benefit in messages. */
export const ACCOUNT_PATHS: Record<CoinNetwork, string> = {
  bitcoin: "m/84'/0'/0'",
  ethereum: "m/44'/60'/0'",
  tron: "m/44'/195'/0'",
};

/** The BIP-32 path of receiving address `index` (Bitcoin testnet keys sit under coin type 1). */
export function receivingPath(network: CoinNetwork, testnet: boolean, index: number): string {
  const account = network === 'bitcoin' && testnet ? "m/84'/1'/0'" : ACCOUNT_PATHS[network];
  return `${account}/0/${index}`;
}

/** An account-level public key, read and checked. */
export interface AccountKey {
  network: CoinNetwork;
  /** Bitcoin only: a tpub/vpub, whose addresses are tb1q…. */
  testnet: boolean;
  hd: HDKey;
}

export type AccountKeyReading =
  { ok: true; key: AccountKey } | { ok: false; private: boolean; reason: string };

export const PRIVATE_KEY_REFUSAL =
  'this is private key material, and private keys are never accepted: give the account’s extended public key';

const refuse = (reason: string, isPrivate = false): AccountKeyReading => ({
  ok: false,
  private: isPrivate,
  reason,
});

/**
 * Reads `text` as `network`'s account key. The reasons name the rule, never quote the key. A seed
 * phrase, a WIF or hex private key, or an extended private key is refused as private, so the message
 * tells the reseller what went wrong rather than "malformed".
 */
export function readAccountKey(network: CoinNetwork, text: string): AccountKeyReading {
  const trimmed = text.trim();
  if (looksPrivate(trimmed)) return refuse(PRIVATE_KEY_REFUSAL, true);
  let payload: Uint8Array;
  try {
    payload = base58check.decode(trimmed);
  } catch {
    return refuse(`not an extended public key (${expected(network)}): the checksum or characters are wrong`);
  }
  if (payload.length !== 78) return refuse(`not an extended public key (${expected(network)})`);
  const version = new DataView(payload.buffer, payload.byteOffset, 4).getUint32(0);
  // A private extended key keeps 0x00 + 32-byte secret where a public one has a 33-byte point.
  if (PRIVATE_VERSIONS.has(version) || payload[45] === 0) return refuse(PRIVATE_KEY_REFUSAL, true);
  const prefix = (Object.keys(PUBLIC_VERSIONS) as PublicPrefix[]).find((p) => PUBLIC_VERSIONS[p] === version);
  const accepted = prefix ? ACCEPTED[network][prefix] : undefined;
  if (!prefix || !accepted)
    return refuse(`${prefix ?? 'this key'} is not taken here: give ${expected(network)}`);
  let hd: HDKey;
  try {
    hd = HDKey.fromExtendedKey(trimmed, { public: version, private: 0 });
  } catch {
    return refuse(`not an extended public key (${expected(network)}): its public key is not a curve point`);
  }
  if (hd.privateKey) return refuse(PRIVATE_KEY_REFUSAL, true);
  // A deeper key (…/0, or one address's key) gives addresses the wallet never looks at.
  if (hd.depth !== 3) {
    return refuse(
      `an account-level key is needed (depth 3, ${ACCOUNT_PATHS[network]}); this one is at depth ${hd.depth}`,
    );
  }
  return { ok: true, key: { network, testnet: accepted.testnet, hd } };
}

function expected(network: CoinNetwork): string {
  return network === 'bitcoin'
    ? `a BIP-84 zpub or xpub for ${ACCOUNT_PATHS.bitcoin}, vpub or tpub on testnet`
    : `an xpub for ${ACCOUNT_PATHS[network]}`;
}

/** Private material people paste by mistake: extended private keys, seed phrases, WIF and raw hex keys. */
function looksPrivate(text: string): boolean {
  if (/^[xyztuv]prv/.test(text)) return true;
  if (text.split(/\s+/).length >= 12) return true;
  if (/^(0x)?[0-9a-fA-F]{64}$/.test(text)) return true;
  if (/^[5KLc9][1-9A-HJ-NP-Za-km-z]{50,51}$/.test(text)) {
    try {
      const wif = base58check.decode(text);
      return (wif.length === 33 || wif.length === 34) && (wif[0] === 0x80 || wif[0] === 0xef);
    } catch {
      return false;
    }
  }
  return false;
}

/** The key's identity whatever its serialisation: hex SHA-256 of chain code and public key. */
export function accountKeyId(key: AccountKey): string {
  const { chainCode, publicKey } = key.hd;
  if (!chainCode || !publicKey) throw new Error('an account key has a chain code and a public key');
  return hex.encode(sha256(Uint8Array.of(...chainCode, ...publicKey)));
}

/** The maximum non-hardened child index (BIP-32): payment indexes stay below it. */
export const MAX_ADDRESS_INDEX = 0x7fffffff;

/** The receiving address at <account>/0/<index>: where payment number `index` is sent. */
export function receivingAddress(key: AccountKey, index: number): string {
  return addressAt(key, RECEIVING, index);
}

/** BIP-44's two branches: 0 receives from payers, 1 is the wallet's own change (never handed out). */
const RECEIVING = 0;
export type Branch = 0 | 1;

/** The address at <account>/<branch>/<index>. */
export function addressAt(key: AccountKey, branch: Branch, index: number): string {
  if (!Number.isInteger(index) || index < 0 || index > MAX_ADDRESS_INDEX) {
    throw new RangeError(`address index out of range: ${index}`);
  }
  const child = key.hd.deriveChild(branch).deriveChild(index);
  const publicKey = child.publicKey;
  if (!publicKey) throw new Error('derived a key without a public key');
  switch (key.network) {
    case 'bitcoin':
      return segwitV0Address(key.testnet ? 'tb' : 'bc', ripemd160(sha256(publicKey)));
    case 'ethereum':
      return ethereumAddress(accountId(publicKey));
    case 'tron':
      return tronAddress(accountId(publicKey));
  }
}

/** Ethereum and Tron's 20-byte account id: the last 20 bytes of Keccak-256 of the uncompressed point. */
function accountId(compressed: Uint8Array): Uint8Array {
  const uncompressed = secp256k1.Point.fromBytes(compressed).toBytes(false);
  return keccak_256(uncompressed.subarray(1)).subarray(12);
}

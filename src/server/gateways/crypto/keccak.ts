/**
 * Keccak-256, the hash Ethereum uses (EIP-55 address checksums among others). node:crypto offers only
 * the NIST SHA3-256, which runs the same permutation but pads with a different domain byte (0x06
 * instead of Keccak's 0x01), so its digests differ. This is the reference sponge over Keccak-f[1600]
 * with 64-bit BigInt lanes: slow, and meant for short inputs such as 40-character addresses.
 * Source: https://keccak.team/keccak_specs_summary.html (round constants, rotation offsets, π).
 */

const MASK = (1n << 64n) - 1n;

const ROUND_CONSTANTS = [
  0x0000000000000001n,
  0x0000000000008082n,
  0x800000000000808an,
  0x8000000080008000n,
  0x000000000000808bn,
  0x0000000080000001n,
  0x8000000080008081n,
  0x8000000000008009n,
  0x000000000000008an,
  0x0000000000000088n,
  0x0000000080008009n,
  0x000000008000000an,
  0x000000008000808bn,
  0x800000000000008bn,
  0x8000000000008089n,
  0x8000000000008003n,
  0x8000000000008002n,
  0x8000000000000080n,
  0x000000000000800an,
  0x800000008000000an,
  0x8000000080008081n,
  0x8000000000008080n,
  0x0000000080000001n,
  0x8000000080008008n,
];
/** ρ offsets and π destinations, walked together from lane 1 (the compact form of the spec's tables). */
const ROTATIONS = [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44];
const PI_LANES = [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1];

const rotl = (x: bigint, n: number) => ((x << BigInt(n)) | (x >> BigInt(64 - n))) & MASK;
const lane = (state: bigint[], i: number) => state[i] ?? 0n;

function permute(state: bigint[]): void {
  const column: bigint[] = [0n, 0n, 0n, 0n, 0n];
  for (const constant of ROUND_CONSTANTS) {
    // θ
    for (let x = 0; x < 5; x++) {
      column[x] =
        lane(state, x) ^ lane(state, x + 5) ^ lane(state, x + 10) ^ lane(state, x + 15) ^ lane(state, x + 20);
    }
    for (let x = 0; x < 5; x++) {
      const d = lane(column, (x + 4) % 5) ^ rotl(lane(column, (x + 1) % 5), 1);
      for (let y = 0; y < 25; y += 5) state[y + x] = lane(state, y + x) ^ d;
    }
    // ρ and π
    let carried = lane(state, 1);
    for (let i = 0; i < 24; i++) {
      const target = PI_LANES[i] ?? 0;
      const next = lane(state, target);
      state[target] = rotl(carried, ROTATIONS[i] ?? 0);
      carried = next;
    }
    // χ
    for (let y = 0; y < 25; y += 5) {
      for (let x = 0; x < 5; x++) column[x] = lane(state, y + x);
      for (let x = 0; x < 5; x++) {
        state[y + x] = lane(column, x) ^ (~lane(column, (x + 1) % 5) & MASK & lane(column, (x + 2) % 5));
      }
    }
    // ι
    state[0] = lane(state, 0) ^ constant;
  }
}

/** The sponge with a 256-bit output; `domain` is the first padding byte (0x01 Keccak, 0x06 SHA3). */
export function sponge256(data: Uint8Array, domain: 0x01 | 0x06): Uint8Array {
  const rate = 136; // bytes: (1600 − 2·256) / 8
  const padded = new Uint8Array(Math.floor(data.length / rate + 1) * rate);
  padded.set(data);
  padded[data.length] = (padded[data.length] ?? 0) ^ domain;
  padded[padded.length - 1] = (padded[padded.length - 1] ?? 0) ^ 0x80;

  const state: bigint[] = new Array<bigint>(25).fill(0n);
  for (let block = 0; block < padded.length; block += rate) {
    for (let i = 0; i < rate / 8; i++) {
      let value = 0n;
      // Lanes are little-endian.
      for (let b = 7; b >= 0; b--) value = (value << 8n) | BigInt(padded[block + i * 8 + b] ?? 0);
      state[i] = lane(state, i) ^ value;
    }
    permute(state);
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((lane(state, i >> 3) >> BigInt((i & 7) * 8)) & 0xffn);
  return out;
}

export function keccak256(data: Uint8Array | string): Uint8Array {
  return sponge256(typeof data === 'string' ? Buffer.from(data, 'utf8') : data, 0x01);
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBitcoinAddress, isEthereumAddress, isTronAddress } from './address.js';
import { baseUnits } from './amounts.js';
import { USDT_CONTRACTS } from './assets.js';
import {
  bip21Uri,
  eip681Uri,
  invoicePayload,
  parseBip21,
  parseEip681,
  PaymentUriError,
} from './payment-uri.js';

// Published vectors: Bitcoin's genesis coinbase address (Base58Check, version 0); BIP-173/350 segwit
// v0, testnet v0 and v1 (Bech32m) examples from https://github.com/bitcoin/bips/blob/master/bip-0350.mediawiki
const GENESIS = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa';
const SEGWIT_V0 = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4';
const TESTNET_V0 = 'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7';
const TAPROOT = 'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y';
const ETH_ADDRESS = '0x8e23ee67d1332ad560396262c48ffbb01f93d052';
const TRON_ADDRESS = USDT_CONTRACTS.tron;

// A Bech32 encoder for building wrong-checksum-kind addresses (BIP-173 reference algorithm).
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32 = 1;
const BECH32M = 0x2bc830a3;
function withChecksum(hrp: string, version: number, program: string, constant: number): string {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  const polymod = (values: number[]) => {
    let chk = 1;
    for (const v of values) {
      const top = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ v;
      gen.forEach((g, i) => ((top >>> i) & 1 ? (chk ^= g) : 0));
    }
    return chk >>> 0;
  };
  const codes = [...hrp].map((c) => c.charCodeAt(0));
  const data = [version, ...[...program].map((c) => CHARSET.indexOf(c))];
  const mod =
    polymod([...codes.map((c) => c >> 5), 0, ...codes.map((c) => c & 31), ...data, 0, 0, 0, 0, 0, 0]) ^
    constant;
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...data, ...checksum].map((d) => CHARSET[d]).join('')}`;
}

const flipLastChar = (s: string) => s.slice(0, -1) + (s.endsWith('a') ? 'b' : 'a');

describe('receiving addresses', () => {
  it('accepts valid bitcoin addresses and refuses a changed character', () => {
    for (const address of [GENESIS, SEGWIT_V0, TAPROOT]) {
      expect(isBitcoinAddress(address)).toBe(true);
      expect(isBitcoinAddress(flipLastChar(address))).toBe(false);
    }
    expect(isBitcoinAddress(TESTNET_V0, { testnet: true })).toBe(true);
    expect(isBitcoinAddress(TESTNET_V0)).toBe(false);
    expect(isBitcoinAddress(GENESIS, { testnet: true })).toBe(false);
    // The checksum kind must follow the witness version (BIP-350): swapping it is refused.
    const program = SEGWIT_V0.slice(4, -6);
    expect(isBitcoinAddress(withChecksum('bc', 0, program, BECH32))).toBe(true);
    expect(isBitcoinAddress(withChecksum('bc', 0, program, BECH32M))).toBe(false);
    const v1 = TAPROOT.slice(4, -6);
    expect(withChecksum('bc', 1, v1, BECH32M)).toBe(TAPROOT);
    expect(isBitcoinAddress(withChecksum('bc', 1, v1, BECH32))).toBe(false);
    expect(isBitcoinAddress(SEGWIT_V0.toUpperCase())).toBe(false);
  });

  it('checks ethereum shape and tron Base58Check', () => {
    expect(isEthereumAddress(ETH_ADDRESS)).toBe(true);
    expect(isEthereumAddress(USDT_CONTRACTS.ethereum)).toBe(true);
    expect(isEthereumAddress(ETH_ADDRESS.slice(0, -1))).toBe(false);
    expect(isEthereumAddress(`${ETH_ADDRESS.slice(0, -1)}g`)).toBe(false);
    expect(isTronAddress(TRON_ADDRESS)).toBe(true);
    expect(isTronAddress('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u')).toBe(false);
    expect(isTronAddress(GENESIS)).toBe(false);
  });
});

describe('BIP-21', () => {
  it('builds the spec example shapes', () => {
    expect(bip21Uri({ address: GENESIS })).toBe(`bitcoin:${GENESIS}`);
    expect(bip21Uri({ address: GENESIS, amount: baseUnits(2_030_000_000n), label: 'Luke-Jr' })).toBe(
      `bitcoin:${GENESIS}?amount=20.3&label=Luke-Jr`,
    );
    expect(
      bip21Uri({
        address: SEGWIT_V0,
        amount: baseUnits(5_000_000_000n),
        message: 'Donation for project xyz',
      }),
    ).toBe(`bitcoin:${SEGWIT_V0}?amount=50&message=Donation%20for%20project%20xyz`);
    expect(bip21Uri({ address: SEGWIT_V0, amount: baseUnits(1n), label: 'Top-up #42 & more' })).toBe(
      `bitcoin:${SEGWIT_V0}?amount=0.00000001&label=Top-up%20%2342%20%26%20more`,
    );
  });

  it('refuses a bad address and unknown required parameters', () => {
    expect(() => bip21Uri({ address: flipLastChar(GENESIS) })).toThrow(PaymentUriError);
    expect(() => parseBip21(`bitcoin:${GENESIS}?req-somethingyoudontunderstand=50`)).toThrow(PaymentUriError);
    expect(() => parseBip21(`bitcoin:${GENESIS}?amount=1&amount=2`)).toThrow(PaymentUriError);
    expect(() => parseBip21(`bitcoin:${GENESIS}?amount=1e2`)).toThrow(PaymentUriError);
    expect(() => parseBip21(`ethereum:${GENESIS}`)).toThrow(PaymentUriError);
    // Unknown optional parameters are ignored, as BIP-21 says.
    expect(parseBip21(`bitcoin:${GENESIS}?somethingyoudontunderstand=50&amount=0.5`)).toEqual({
      address: GENESIS,
      amount: 50_000_000n,
    });
  });

  it('round-trips amount, label and message', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(GENESIS, SEGWIT_V0, TAPROOT),
        fc.option(fc.bigInt({ min: 0n, max: 21_000_000n * 10n ** 8n }), { nil: undefined }),
        fc.option(fc.string({ minLength: 1, unit: 'grapheme' }), { nil: undefined }),
        fc.option(fc.string({ minLength: 1, unit: 'grapheme' }), { nil: undefined }),
        (address, amount, label, message) => {
          const request = {
            address,
            amount: amount === undefined ? undefined : baseUnits(amount),
            label,
            message,
          };
          const parsed = parseBip21(bip21Uri(request));
          expect(parsed.address).toBe(address);
          expect(parsed.amount).toBe(amount);
          expect(parsed.label).toBe(label);
          expect(parsed.message).toBe(message);
        },
      ),
    );
  });
});

describe('EIP-681', () => {
  it('builds ether and ERC-20 transfer requests with the chain id', () => {
    expect(
      eip681Uri({
        kind: 'ether',
        address: ETH_ADDRESS,
        chainId: 1,
        value: baseUnits(2_014_000_000_000_000_000n),
      }),
    ).toBe(`ethereum:${ETH_ADDRESS}@1?value=2014000000000000000`);
    expect(
      eip681Uri({
        kind: 'erc20',
        token: USDT_CONTRACTS.ethereum,
        chainId: 1,
        recipient: ETH_ADDRESS,
        amount: baseUnits(12_340_000n),
      }),
    ).toBe(`ethereum:${USDT_CONTRACTS.ethereum}@1/transfer?address=${ETH_ADDRESS}&uint256=12340000`);
  });

  it('refuses bad addresses, chain ids and unexpected shapes', () => {
    expect(() => eip681Uri({ kind: 'ether', address: '0x12', chainId: 1, value: baseUnits(1n) })).toThrow(
      PaymentUriError,
    );
    expect(() =>
      eip681Uri({ kind: 'ether', address: ETH_ADDRESS, chainId: 0, value: baseUnits(1n) }),
    ).toThrow(PaymentUriError);
    expect(() => parseEip681(`ethereum:${ETH_ADDRESS}?value=1`)).toThrow(PaymentUriError);
    expect(() => parseEip681(`ethereum:${ETH_ADDRESS}@1?value=2.014e18`)).toThrow(PaymentUriError);
    expect(() => parseEip681(`ethereum:${ETH_ADDRESS}@1/approve?address=${ETH_ADDRESS}&uint256=1`)).toThrow(
      PaymentUriError,
    );
    expect(() =>
      parseEip681(`ethereum:${ETH_ADDRESS}@1/transfer?address=${ETH_ADDRESS}&uint256=1&x=1`),
    ).toThrow(PaymentUriError);
  });

  it('round-trips both request kinds', () => {
    const value = fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }).map(baseUnits);
    const chainId = fc.integer({ min: 1, max: 2 ** 31 });
    fc.assert(
      fc.property(value, chainId, (v, chain) => {
        const ether = { kind: 'ether' as const, address: ETH_ADDRESS, chainId: chain, value: v };
        expect(parseEip681(eip681Uri(ether))).toEqual(ether);
        const erc20 = {
          kind: 'erc20' as const,
          token: USDT_CONTRACTS.ethereum,
          chainId: chain,
          recipient: ETH_ADDRESS,
          amount: v,
        };
        expect(parseEip681(eip681Uri(erc20))).toEqual(erc20);
      }),
    );
  });
});

describe('invoice payload per rail', () => {
  it('uses BIP-21, EIP-681 ether, EIP-681 ERC-20, and a bare Tron address', () => {
    const options = { chainId: 1 };
    expect(
      invoicePayload({ asset: 'BTC', network: 'bitcoin' }, SEGWIT_V0, baseUnits(150_000n), options),
    ).toBe(`bitcoin:${SEGWIT_V0}?amount=0.0015`);
    expect(
      invoicePayload({ asset: 'ETH', network: 'ethereum' }, ETH_ADDRESS, baseUnits(10n ** 16n), options),
    ).toBe(`ethereum:${ETH_ADDRESS}@1?value=10000000000000000`);
    expect(
      invoicePayload({ asset: 'USDT', network: 'ethereum' }, ETH_ADDRESS, baseUnits(5_000_000n), options),
    ).toBe(`ethereum:${USDT_CONTRACTS.ethereum}@1/transfer?address=${ETH_ADDRESS}&uint256=5000000`);
    expect(
      invoicePayload({ asset: 'USDT', network: 'tron' }, TRON_ADDRESS, baseUnits(5_000_000n), options),
    ).toBe(TRON_ADDRESS);
    expect(() =>
      invoicePayload({ asset: 'USDT', network: 'tron' }, ETH_ADDRESS, baseUnits(5_000_000n), options),
    ).toThrow(PaymentUriError);
  });
});

import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startEthereumEmulator,
  type EthereumEmulator,
} from '../../../../../test/support/emulators/ethereum-rpc.js';
import { OutboundGuard } from '../../../outbound/guarded-fetch.js';
import { USDT_CONTRACTS } from '../assets.js';
import { confirmations } from '../chain-source.js';
import { ChainSourceError } from '../http-chain-source.js';
import { ethereumAddress } from './accounts.js';
import { EthereumRpcSource } from './ethereum-rpc.js';

const USDT = { asset: 'USDT', network: 'ethereum' } as const;
const ETH = { asset: 'ETH', network: 'ethereum' } as const;
const loopbackAllowed = new OutboundGuard({ allowPrivateNetworks: true }).fetch;
const newAddress = () => ethereumAddress(randomBytes(20));

describe('Ethereum from a JSON-RPC node', () => {
  let node: EthereumEmulator;
  let source: EthereumRpcSource;
  let address: string;

  beforeEach(async () => {
    node = await startEthereumEmulator();
    source = new EthereumRpcSource(node.url, loopbackAllowed);
    address = newAddress();
  });
  afterEach(() => node.close());

  it('USDT: a Transfer log of the Tether contract to the address, counted once mined', async () => {
    const txid = node.sendToken(USDT_CONTRACTS.ethereum, address, 25_000_000n);
    // Another token, and Tether to someone else, are not payments to this address.
    node.sendToken(newAddress(), address, 99n);
    node.sendToken(USDT_CONTRACTS.ethereum, newAddress(), 7n);
    expect(await source.transfersTo(USDT, address)).toEqual([]);
    node.blocks.mine(3);
    const [transfer, ...others] = await source.transfersTo(USDT, address);
    expect(others).toEqual([]);
    expect(transfer).toEqual({ txid, amount: 25_000_000n, blockHeight: 1 });
    expect(confirmations(transfer!, await source.tipHeight('ethereum'))).toBe(3);
  });

  it('USDT: reads the logs in windows the provider accepts', async () => {
    node.maxLogRange = 1_000;
    node.blocks.mine(1_500);
    const txid = node.sendToken(USDT_CONTRACTS.ethereum, address, 1_000_000n);
    node.blocks.mine(1_500);
    const windowed = new EthereumRpcSource(node.url, loopbackAllowed, { logWindow: 1_000 });
    expect(await windowed.transfersTo(USDT, address)).toEqual([
      { txid, amount: 1_000_000n, blockHeight: 1_501 },
    ]);
    // One call over the whole range is refused by the node: an error, never "nothing arrived".
    const greedy = new EthereumRpcSource(node.url, loopbackAllowed, { logWindow: 5_000 });
    await expect(greedy.transfersTo(USDT, address)).rejects.toThrow(/refused eth_getLogs: -32005/);
  });

  it('native ETH: finds each payment by the balance, with its transaction and block', async () => {
    node.blocks.mine(40);
    const first = node.sendEth(address, 10n ** 17n);
    node.sendEth(newAddress(), 5n);
    node.blocks.mine(7);
    const second = node.sendEth(address, 3n * 10n ** 16n);
    node.blocks.mine(1);
    node.sendEth(address, 1n); // still in the mempool: not reported
    const transfers = await source.transfersTo(ETH, address);
    expect(transfers.sort((a, b) => a.blockHeight! - b.blockHeight!)).toEqual([
      { txid: first, amount: 10n ** 17n, blockHeight: 41 },
      { txid: second, amount: 3n * 10n ** 16n, blockHeight: 48 },
    ]);
  });

  it('a payment reorganised away is gone, token or native', async () => {
    const token = node.sendToken(USDT_CONTRACTS.ethereum, address, 5_000_000n);
    const native = node.sendEth(address, 10n ** 18n);
    node.blocks.mine(2);
    expect(await source.transfersTo(USDT, address)).toHaveLength(1);
    expect(await source.transfersTo(ETH, address)).toHaveLength(1);
    node.blocks.reorg(token);
    node.blocks.reorg(native);
    expect(await source.transfersTo(USDT, address)).toEqual([]);
    expect(await source.transfersTo(ETH, address)).toEqual([]);
    expect(await source.transaction(token)).toBeNull();
  });

  it('looks a hash up: the token transfer decoded from its call, or the ETH it carried', async () => {
    const token = node.sendToken(USDT_CONTRACTS.ethereum, address, 5_000_000n);
    const native = node.sendEth(address, 42n);
    node.blocks.mine(1);
    expect(await source.transaction(`0x${token.toUpperCase()}`)).toEqual({
      txid: token,
      network: 'ethereum',
      asset: 'USDT',
      address,
      amount: 5_000_000n,
      blockHeight: 1,
    });
    expect(await source.transaction(native)).toMatchObject({ asset: 'ETH', address, amount: 42n });
    expect(await source.transaction('ab'.repeat(32))).toBeNull();
  });

  it('a token call that reverted pays nothing, by address or by hash', async () => {
    const txid = node.sendToken(USDT_CONTRACTS.ethereum, address, 5_000_000n, { reverted: true });
    node.blocks.mine(12);
    expect(await source.transfersTo(USDT, address)).toEqual([]);
    expect(await source.transaction(txid)).toBeNull();
  });

  it('an answer of the wrong shape is an error, not an empty history', async () => {
    node.malformed = true;
    await expect(source.tipHeight('ethereum')).rejects.toBeInstanceOf(ChainSourceError);
    await expect(source.transfersTo(USDT, address)).rejects.toBeInstanceOf(ChainSourceError);
  });
});

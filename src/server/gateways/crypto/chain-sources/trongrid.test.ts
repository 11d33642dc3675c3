import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startTronGridEmulator,
  type TronGridEmulator,
} from '../../../../../test/support/emulators/trongrid.js';
import { OutboundGuard } from '../../../outbound/guarded-fetch.js';
import { USDT_CONTRACTS } from '../assets.js';
import { confirmations } from '../chain-source.js';
import { ChainSourceError } from '../http-chain-source.js';
import { tronAddress } from './accounts.js';
import { TronGridSource } from './trongrid.js';

const USDT = { asset: 'USDT', network: 'tron' } as const;
const loopbackAllowed = new OutboundGuard({ allowPrivateNetworks: true }).fetch;
const newAddress = () => tronAddress(randomBytes(20));

describe('TRC-20 USDT from TronGrid', () => {
  let grid: TronGridEmulator;
  let source: TronGridSource;
  let address: string;

  beforeEach(async () => {
    grid = await startTronGridEmulator();
    grid.apiKey = 'operator-key-123';
    source = new TronGridSource(grid.url, loopbackAllowed, { apiKey: 'operator-key-123' });
    address = newAddress();
  });
  afterEach(() => grid.close());

  it('a Tether transfer to the address, unconfirmed until its block, then counted from the tip', async () => {
    const txid = grid.sendToken(USDT_CONTRACTS.tron, address, 10_000_000n);
    grid.sendToken(newAddress(), address, 10_000_000n); // a token calling itself USDT is not Tether
    grid.sendToken(USDT_CONTRACTS.tron, newAddress(), 1n);
    expect(await source.transfersTo(USDT, address)).toEqual([
      { txid, amount: 10_000_000n, blockHeight: null },
    ]);
    grid.blocks.mine(19);
    const [transfer] = await source.transfersTo(USDT, address);
    expect(transfer).toEqual({ txid, amount: 10_000_000n, blockHeight: 60_000_001 });
    expect(confirmations(transfer!, await source.tipHeight('tron'))).toBe(19);
  });

  it('follows the fingerprint through every page', async () => {
    grid.pageSize = 2;
    const sent = Array.from({ length: 5 }, (_, i) =>
      grid.sendToken(USDT_CONTRACTS.tron, address, BigInt(i + 1)),
    );
    grid.blocks.mine(1);
    const seen = await source.transfersTo(USDT, address);
    expect(seen.map((t) => t.txid).sort()).toEqual([...sent].sort());
  });

  it('sends the operator key TronGrid asks for; without it the API refuses and so do we', async () => {
    const keyless = new TronGridSource(grid.url, loopbackAllowed);
    await expect(keyless.tipHeight('tron')).rejects.toThrow(/401/);
  });

  it('a transfer reorganised away is gone, by address and by hash', async () => {
    const txid = grid.sendToken(USDT_CONTRACTS.tron, address, 10_000_000n);
    grid.blocks.mine(2);
    expect(await source.transaction(txid)).toEqual({
      txid,
      network: 'tron',
      asset: 'USDT',
      address,
      amount: 10_000_000n,
      blockHeight: 60_000_001,
    });
    grid.blocks.reorg(txid);
    expect(await source.transfersTo(USDT, address)).toEqual([]);
    expect(await source.transaction(txid)).toBeNull();
  });

  it('a transfer whose call failed on chain (out of energy) pays nothing, even if the index lists it', async () => {
    const txid = grid.sendToken(USDT_CONTRACTS.tron, address, 10_000_000n, { failed: true });
    grid.blocks.mine(20);
    expect(await source.transfersTo(USDT, address)).toEqual([]);
    expect(await source.transaction(txid)).toBeNull();
  });

  it('an answer of the wrong shape is an error, not an empty history', async () => {
    grid.malformed = true;
    await expect(source.transfersTo(USDT, address)).rejects.toBeInstanceOf(ChainSourceError);
    await expect(source.tipHeight('tron')).rejects.toBeInstanceOf(ChainSourceError);
  });
});

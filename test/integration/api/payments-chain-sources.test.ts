import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { USDT_CONTRACTS } from '../../../src/server/gateways/crypto/assets.js';
import { PUBLISHED_ACCOUNT_KEYS } from '../../../src/server/gateways/crypto/published-keys.js';
import {
  accountBytes,
  ethereumAddress,
  tronAddress,
} from '../../../src/server/gateways/crypto/chain-sources/accounts.js';
import { DIALECTS } from '../../support/databases.js';
import { startEsploraEmulator, type EsploraEmulator } from '../../support/emulators/esplora.js';
import { startEthereumEmulator, type EthereumEmulator } from '../../support/emulators/ethereum-rpc.js';
import { startTronGridEmulator, type TronGridEmulator } from '../../support/emulators/trongrid.js';
import { GatewayScene, openShop, type Shop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';

const CREDENTIALS = {
  xpubs: PUBLISHED_ACCOUNT_KEYS,
  // 100.00 USD and the method's 1% fee: 101.00 USD = 0.00202000 BTC = 0.0404 ETH = 101 USDT.
  rates: { USD: { BTC: '50000', ETH: '2500', USDT: '1' } },
  requiredConfirmations: { BTC: 2, ETH: 3, USDT: 3 },
};
const SATS = 202_000;
const WEI = 404n * 10n ** 14n;
const USDT_UNITS = 101_000_000n;
const TRON_KEY = 'tron-operator-key';

type Rail = { asset: 'BTC' | 'ETH' | 'USDT'; network: 'bitcoin' | 'ethereum' | 'tron' };

/**
 * The crypto gateway on the operator's real chain APIs (CHAIN_*), each a loopback emulator of its
 * public API shape: Esplora for bitcoin, JSON-RPC for ethereum, TronGrid for tron. Nothing reads
 * the simulated chain here. The test runs the events job by hand and mines blocks.
 */
describe.each(DIALECTS)('crypto on real chain APIs on %s', (dialect) => {
  let scene: GatewayScene;
  let esplora: EsploraEmulator;
  let ethereum: EthereumEmulator;
  let tron: TronGridEmulator;
  let shop: Shop;

  beforeEach(async () => {
    [esplora, ethereum, tron] = await Promise.all([
      startEsploraEmulator(),
      startEthereumEmulator(),
      startTronGridEmulator(),
    ]);
    tron.apiKey = TRON_KEY;
    scene = await GatewayScene.start(
      dialect,
      {
        chains: {
          bitcoinEsploraUrl: esplora.url,
          ethereumRpcUrl: ethereum.url,
          tronApiUrl: tron.url,
          tronApiKey: TRON_KEY,
        },
      },
      undefined,
      // The emulators listen on loopback, which the outbound guard refuses unless allowed.
      { allowPrivateNetworks: true },
    );
    shop = await openShop(scene.baseUrl, 'Chain Shop', 'USD');
    await scene.offer(shop, 'crypto', CREDENTIALS);
  });
  afterEach(async () => {
    await scene.close();
    await Promise.all([esplora.close(), ethereum.close(), tron.close()]);
  });

  const start = async (rail: Rail) => {
    const payment = await scene.topUp(shop, { amount: 10_000, provider: 'crypto', asset: rail });
    expect(payment).toMatchObject({ status: 'new', checkout: { kind: 'crypto_qr', network: rail.network } });
    return payment as { id: string; checkout: { address: string; amount: string } };
  };
  const check = async (shopPaymentId: string) => {
    await scene.runJob('gateway-events');
    return scene.payment(shop, shopPaymentId);
  };

  /** Each chain: pay, mine, and see the payment wait for its confirmations before the one credit. */
  const chains: {
    name: string;
    rail: Rail;
    required: number;
    pay: (address: string) => string;
    mine: (blocks: number) => void;
  }[] = [
    {
      name: 'bitcoin (Esplora)',
      rail: { asset: 'BTC', network: 'bitcoin' },
      required: 2,
      pay: (address) => esplora.pay(address, SATS),
      mine: (n) => esplora.blocks.mine(n),
    },
    {
      name: 'USDT on ethereum (JSON-RPC logs)',
      rail: { asset: 'USDT', network: 'ethereum' },
      required: 3,
      pay: (address) => ethereum.sendToken(USDT_CONTRACTS.ethereum, address, USDT_UNITS),
      mine: (n) => ethereum.blocks.mine(n),
    },
    {
      name: 'ETH on ethereum (JSON-RPC balances)',
      rail: { asset: 'ETH', network: 'ethereum' },
      required: 3,
      pay: (address) => ethereum.sendEth(address, WEI),
      mine: (n) => ethereum.blocks.mine(n),
    },
    {
      name: 'USDT on tron (TronGrid)',
      rail: { asset: 'USDT', network: 'tron' },
      required: 3,
      pay: (address) => tron.sendToken(USDT_CONTRACTS.tron, address, USDT_UNITS),
      mine: (n) => tron.blocks.mine(n),
    },
  ];

  for (const chain of chains) {
    it(`${chain.name}: credited once, only when its confirmations are reached`, async () => {
      const before = await scene.balance(shop);
      const p = await start(chain.rail);
      const txid = chain.pay(p.checkout.address);
      chain.mine(chain.required - 1);
      expect(await check(p.id)).toMatchObject({ status: 'processing', chainTxids: [txid] });
      await scene.expectNothingCredited(shop, p.id, before);

      chain.mine(1);
      await check(p.id);
      await scene.expectCreditedOnce(shop, p.id, 10_000, before);
      chain.mine(5);
      await check(p.id);
      await scene.expectCreditedOnce(shop, p.id, 10_000, before);
      expect(await scene.reviews(shop)).toEqual([]);
    });

    it(`${chain.name}: reorganised away before its confirmations, nothing is credited`, async () => {
      const before = await scene.balance(shop);
      const p = await start(chain.rail);
      const txid = chain.pay(p.checkout.address);
      chain.mine(chain.required - 1);
      expect(await check(p.id)).toMatchObject({ status: 'processing' });

      const blocks = { bitcoin: esplora.blocks, ethereum: ethereum.blocks, tron: tron.blocks }[
        chain.rail.network
      ];
      blocks.reorg(txid);
      chain.mine(10);
      // Back to waiting: the hash stays on record for staff, but it pays nothing.
      expect(await check(p.id)).toMatchObject({ status: 'new', underpaid: false, chainTxids: [txid] });
      await scene.expectNothingCredited(shop, p.id, before);
      expect(await scene.reviews(shop)).toEqual([]);

      // Paid again for real, it is credited once like any payment.
      chain.pay(p.checkout.address);
      chain.mine(chain.required);
      await check(p.id);
      await scene.expectCreditedOnce(shop, p.id, 10_000, before);
    });
  }

  it('USDT sent on tron for an ethereum invoice opens a review and credits nothing', async () => {
    const before = await scene.balance(shop);
    const p = await start({ asset: 'USDT', network: 'ethereum' });
    const twin = tronAddress(accountBytes(p.checkout.address)!);
    const txid = tron.sendToken(USDT_CONTRACTS.tron, twin, USDT_UNITS);
    tron.blocks.mine(1);
    // Not yet confirmed on tron: no review yet (it might still be reorganised away).
    expect(await check(p.id)).toMatchObject({ status: 'new' });
    expect(await scene.reviews(shop)).toEqual([]);
    // The payer quoting its hash is told where it went, and that it is not lost.
    const verified = await http(scene.baseUrl, 'POST', `/v1/payments/${p.id}/verify`, {
      token: shop.admin,
      body: { txHash: `0x${txid}` },
    });
    expect(verified.body).toMatchObject({
      outcome: 'wrong_destination',
      message: expect.stringContaining('sent USDT on Tron to this payment'),
    });

    tron.blocks.mine(2);
    expect(await check(p.id)).toMatchObject({ status: 'new' });
    await scene.expectNothingCredited(shop, p.id, before);
    const reviews = await scene.reviews(shop);
    expect(reviews).toMatchObject([{ paymentId: p.id, reason: 'network', status: 'open' }]);
    expect(reviews[0].detail).toContain('USDT arrived on Tron instead of Ethereum');
    expect(reviews[0].detail).toContain(`101.000000 USDT in transaction ${txid} to ${twin}`);

    // Checked again, still one review.
    tron.blocks.mine(1);
    await check(p.id);
    expect(await scene.reviews(shop)).toHaveLength(1);
  });

  it('USDT sent on ethereum for a tron invoice opens a review and credits nothing', async () => {
    const before = await scene.balance(shop);
    const p = await start({ asset: 'USDT', network: 'tron' });
    const twin = ethereumAddress(accountBytes(p.checkout.address)!);
    ethereum.sendToken(USDT_CONTRACTS.ethereum, twin, USDT_UNITS);
    ethereum.blocks.mine(3);
    expect(await check(p.id)).toMatchObject({ status: 'new' });
    await scene.expectNothingCredited(shop, p.id, before);
    expect(await scene.reviews(shop)).toMatchObject([
      {
        paymentId: p.id,
        reason: 'network',
        detail: expect.stringContaining('USDT arrived on Ethereum instead of Tron'),
      },
    ]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minorUnits } from '../../../shared/money.js';
import { checkoutPresentationSchema, decideCredit, type GatewayEnvironment } from '../provider.js';
import { baseUnits } from './amounts.js';
import { HttpChainSource } from './http-chain-source.js';
import { cryptoCreditExpectation, cryptoGateway } from './index.js';
import { PUBLISHED_ACCOUNT_KEYS, publishedAddress } from './published-keys.js';
import { startSimulatedChainServer, type SimulatedChainServer } from './simulated-chain-server.js';

const BTC = { asset: 'BTC', network: 'bitcoin' } as const;
const address = publishedAddress('bitcoin', 0);

let server: SimulatedChainServer;
beforeEach(async () => {
  server = await startSimulatedChainServer();
});
afterEach(async () => {
  await server.close();
});

const post = async (path: string, body: unknown) => {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('simulated chain over loopback HTTP', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
  });

  it('takes payments and blocks by HTTP, and the HTTP chain source reads them back exactly', async () => {
    const source = new HttpChainSource(server.url);
    expect(await source.tipHeight()).toBe(0);
    const sent = await post('/chain/send', { address, amount: '0.0015' });
    expect(sent).toMatchObject({ status: 200, body: { network: 'bitcoin' } });
    expect(await source.transfersTo(BTC, address)).toEqual([
      { txid: sent.body.txid, amount: 150_000n, blockHeight: null },
    ]);
    expect(await post('/chain/mine', { blocks: 3 })).toEqual({ status: 200, body: { height: 3 } });
    expect(await post('/chain/mine', {})).toEqual({ status: 200, body: { height: 4 } });
    expect(await source.tipHeight()).toBe(4);
    expect(await source.transfersTo(BTC, address)).toEqual([
      { txid: sent.body.txid, amount: 150_000n, blockHeight: 1 },
    ]);
    // What the in-process chain holds is what HTTP shows.
    expect(await server.chain.transfersTo(BTC, address)).toEqual(await source.transfersTo(BTC, address));
  });

  it('refuses bad input with a 4xx naming the field', async () => {
    const refusal = async (path: string, body: unknown) => {
      const reply = await post(path, body);
      return [reply.status, (reply.body.error as { field: unknown }).field];
    };
    expect(await refusal('/chain/send', { address: 'nope', amount: '1' })).toEqual([400, 'address']);
    expect(await refusal('/chain/send', { address, amount: '1e3' })).toEqual([400, 'amount']);
    expect(await refusal('/chain/send', { address, amount: '0.000000001' })).toEqual([400, 'amount']);
    expect(await refusal('/chain/send', { address, amount: '0' })).toEqual([400, 'amount']);
    expect(await refusal('/chain/send', { address, amount: '1', asset: 'ETH' })).toEqual([400, 'asset']);
    expect(await refusal('/chain/send', { address, amount: '1', extra: 1 })).toEqual([400, null]);
    expect(await refusal('/chain/send', '{not json')).toEqual([400, null]);
    expect(await refusal('/chain/mine', { blocks: 0 })).toEqual([400, 'blocks']);
    const wrongRail = await fetch(`${server.url}/chain/transfers?network=tron&asset=BTC&address=${address}`);
    expect(wrongRail.status).toBe(400);
    expect((await fetch(`${server.url}/elsewhere`)).status).toBe(404);
    expect(await server.chain.tipHeight()).toBe(0);
  });

  it('lets the registered gateway, pointed at the emulator, see a payment through', async () => {
    const env: GatewayEnvironment = {
      now: () => new Date('2030-05-01T12:00:00Z'),
      webhookUrl: 'http://127.0.0.1:1/v1/webhooks/crypto/r_1',
      publicBaseUrl: 'http://127.0.0.1:1',
      apiBaseUrl: server.url,
    };
    const credentials = cryptoGateway.credentialsSchema.parse({
      xpubs: PUBLISHED_ACCOUNT_KEYS,
      rates: { USD: { USDT: '1' } },
    });
    const provider = cryptoGateway.create(credentials, env);
    const shown = checkoutPresentationSchema.parse(
      await provider.createCheckout({
        reference: 'pay_9',
        amount: minorUnits(2500),
        currency: 'USD',
        description: 'Top-up',
        returnUrl: 'http://127.0.0.1:1/r',
        cancelUrl: 'http://127.0.0.1:1/c',
        expiresAt: new Date('2030-05-01T13:00:00Z'),
        idempotencyKey: 'k',
        saveMethod: false,
        rail: { asset: 'USDT', network: 'tron' },
        addressIndex: 9,
      }),
    );
    if (shown.kind !== 'crypto_qr') throw new Error('expected a crypto QR');
    expect(shown.amount).toBe('25.000000');

    await post('/chain/send', { address: shown.address, amount: shown.amount });
    await post('/chain/mine', { blocks: shown.requiredConfirmations });
    const snapshot = await provider.fetchStatus({
      providerPaymentId: shown.providerPaymentId,
      reference: 'pay_9',
    });
    expect(snapshot).toMatchObject({ status: 'paid', received: { amount: baseUnits(25_000_000n) } });
    expect(decideCredit(cryptoCreditExpectation(shown.providerPaymentId, 'pay_9'), snapshot)).toEqual({
      action: 'credit',
      overpaid: false,
    });
  });

  it('fails loudly, rather than reporting unpaid, when the chain source is unreachable', async () => {
    const source = new HttpChainSource(server.url);
    await server.close();
    await expect(source.tipHeight()).rejects.toThrow();
    server = await startSimulatedChainServer();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import {
  PUBLISHED_ACCOUNT_KEYS,
  mineBlocks,
  sendCoins,
  startSimulatedChainServer,
} from '../../support/emulators/crypto-chain.js';
import { startLoopbackServer, sendJson } from '../../support/emulators/loopback-server.js';
import { Pay2sEmulator } from '../../support/emulators/pay2s.js';
import { GatewayScene, openShop, type Shop } from '../../support/gateway-flow.js';
import { http } from '../../support/http.js';

const ACCOUNT = '0123456789';
const PAY2S = { webhookToken: 'pay2s-webhook-token-outbound', apiToken: 'pay2s-api-token-outbound' };
const vietqr = (extra: Record<string, string>) => ({
  bankBin: '970416',
  accountNumber: ACCOUNT,
  accountName: 'CONG TY ACME',
  feed: 'pay2s',
  pay2sToken: PAY2S.webhookToken,
  pay2sApiToken: PAY2S.apiToken,
  ...extra,
});
const web2m = (extra: Record<string, string>) => ({
  bankBin: '970416',
  accountNumber: ACCOUNT,
  accountName: 'CONG TY ACME',
  feed: 'web2m',
  web2mBank: 'mb',
  web2mPassword: 'web2m-password',
  web2mToken: 'web2m-token',
  ...extra,
});
const crypto = (extra: Record<string, string>) => ({
  xpubs: PUBLISHED_ACCOUNT_KEYS,
  rates: { USD: { BTC: '50000' } },
  requiredConfirmations: { BTC: 1 },
  ...extra,
});

/**
 * URLs a reseller sets are reached by this server with the reseller's tokens: an attacker's
 * reseller account must not be able to point them at the cloud metadata service or at hosts on the
 * operator's own network. Operator-set GATEWAY_<ID>_API_BASE_URL is not involved here: no
 * apiBaseUrls are given, so the stored URLs are the ones the server would request.
 */
describe.each(DIALECTS)('URLs a reseller sets, on %s', (dialect) => {
  let scene: GatewayScene;
  const closing: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closing.splice(0)) await close();
    await scene.close();
  });

  describe('by default (public https only)', () => {
    /** Stands for anything on the operator's network: it counts what reaches it. */
    let internal: { url: string; port: string; hits: string[] };
    let shop: Shop;
    beforeEach(async () => {
      const hits: string[] = [];
      const server = await startLoopbackServer((request, _body, response) => {
        hits.push(`${request.method} ${request.url}`);
        sendJson(response, 200, { status: true, transactions: [], height: 1 });
      });
      closing.push(server.close);
      internal = { url: server.url, port: new URL(server.url).port, hits };
      scene = await GatewayScene.start(dialect);
      shop = await openShop(scene.baseUrl, 'Outbound Shop', 'VND');
    });

    const put = (provider: 'vietqr' | 'crypto', credentials: unknown) =>
      http(scene.baseUrl, 'PUT', `/v1/payment-settings/credentials/${provider}`, {
        token: shop.admin,
        body: { credentials },
      });

    it('saving the cloud metadata address, or any internal host, is refused naming the field; nothing is stored or requested', async () => {
      const port = internal.port;
      const targets: Array<[url: string, reason: RegExp]> = [
        ['http://169.254.169.254/latest/meta-data', /must be an https:\/\/ URL/],
        ['https://169.254.169.254/latest/meta-data', /169\.254\.169\.254, a link-local address/],
        [`https://127.0.0.1:${port}/`, /127\.0\.0\.1, a loopback address/],
        [`https://localhost:${port}/`, /localhost, a loopback name/],
        [`https://[::1]:${port}/`, /loopback address \(::1\)/],
        [`https://[::ffff:127.0.0.1]:${port}/`, /loopback address, in IPv4-mapped IPv6 form/],
        [`https://2130706433:${port}/`, /127\.0\.0\.1, a loopback address/],
        ['https://10.0.0.8/', /private network address/],
        ['https://[fd00::8]/', /unique-local address/],
      ];
      const fields: Array<
        [provider: 'vietqr' | 'crypto', field: string, credentials: (url: string) => unknown]
      > = [
        ['vietqr', 'pay2sApiBase', (url) => vietqr({ pay2sApiBase: url })],
        ['vietqr', 'web2mApiBase', (url) => web2m({ web2mApiBase: url })],
        ['crypto', 'chainUrl', (url) => crypto({ chainUrl: url })],
      ];
      for (const [provider, field, credentials] of fields) {
        for (const [url, reason] of targets) {
          const reply = await put(provider, credentials(url));
          expect(reply.status, `${field} = ${url}`).toBe(400);
          expect(reply.body.error).toMatchObject({ code: 'validation', field: `credentials.${field}` });
          expect(reply.body.error.message).toMatch(new RegExp(`^credentials\\.${field}: `));
          expect(reply.body.error.message, `${field} = ${url}`).toMatch(reason);
        }
      }

      const stored = await scene.api.db.store.db
        .selectFrom('gateway_credentials')
        .select('provider')
        .where('reseller_id', '=', shop.resellerId)
        .execute();
      expect(stored).toEqual([]);
      // The jobs that poll bank feeds and chains find nothing to ask.
      await scene.runJob('gateway-events');
      await scene.runJob('payment-expiry');
      expect(internal.hits).toEqual([]);
    });
  });

  describe('with OUTBOUND_ALLOW_PRIVATE_NETWORKS=true (on-premise)', () => {
    beforeEach(async () => {
      scene = await GatewayScene.start(dialect, {}, undefined, { allowPrivateNetworks: true });
    });

    it('a Pay2s feed on loopback, set as pay2sApiBase, is asked before the push credits the wallet', async () => {
      const pay2s = await Pay2sEmulator.start({ ...PAY2S, retryIntervalMs: 5 });
      closing.push(() => pay2s.close());
      const shop = await openShop(scene.baseUrl, 'On-premise Shop', 'VND');
      await scene.offer(shop, 'vietqr', vietqr({ pay2sApiBase: pay2s.url }));
      pay2s.setWebhookUrl(scene.webhookUrl('vietqr', shop.resellerId));
      const before = await scene.balance(shop);
      const payment = await scene.topUp(shop, { amount: 300_000, provider: 'vietqr' });
      const line = pay2s.credit({
        accountNumber: ACCOUNT,
        amount: 300_000,
        content: `CK ${payment.checkout.memo}`,
      });
      expect(await pay2s.delivered(line.id)).toMatchObject({ acknowledged: true });
      await scene.drain();
      await scene.expectCreditedOnce(shop, payment.id, 300_000, before);
    });

    it('a chain source on loopback, set as chainUrl, is read and the payment credited', async () => {
      const chain = await startSimulatedChainServer();
      closing.push(() => chain.close());
      const shop = await openShop(scene.baseUrl, 'On-premise Crypto Shop', 'USD');
      await scene.offer(shop, 'crypto', crypto({ chainUrl: chain.url }));
      const before = await scene.balance(shop);
      const payment = await scene.topUp(shop, {
        amount: 10_000,
        provider: 'crypto',
        asset: { asset: 'BTC', network: 'bitcoin' },
      });
      await sendCoins(chain.url, payment.checkout.address, payment.checkout.amount);
      await mineBlocks(chain.url, 1);
      await scene.runJob('gateway-events');
      await scene.expectCreditedOnce(shop, payment.id, 10_000, before);
    });

    it('the cloud metadata address stays refused', async () => {
      const shop = await openShop(scene.baseUrl, 'On-premise Shop', 'USD');
      const reply = await http(scene.baseUrl, 'PUT', '/v1/payment-settings/credentials/crypto', {
        token: shop.admin,
        body: { credentials: crypto({ chainUrl: 'http://169.254.169.254/latest/meta-data' }) },
      });
      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatchObject({
        field: 'credentials.chainUrl',
        message: expect.stringMatching(/link-local/),
      });
    });
  });
});

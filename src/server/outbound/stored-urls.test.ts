import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startLoopbackServer } from '../../../test/support/emulators/loopback-server.js';
import { minorUnits } from '../../shared/money.js';
import { cryptoCredentialsSchema, cryptoGateway } from '../gateways/crypto/index.js';
import { PUBLISHED_ACCOUNT_KEYS } from '../gateways/crypto/published-keys.js';
import type { GatewayEnvironment } from '../gateways/provider.js';
import { vietqrCredentialsSchema } from '../gateways/vietqr/credentials.js';
import { vietqrGateway } from '../gateways/vietqr/index.js';
import { OutboundGuard, OutboundRefusedError } from './guarded-fetch.js';

const NOW = new Date('2030-05-01T05:00:00Z');

/**
 * A URL stored before the guard existed (or by any path that skipped the save-time check) is still
 * never requested: the providers reach a reseller's URL only through the guard.
 */
describe("providers reaching a reseller's stored URL", () => {
  let internal: { url: string; hits: string[]; close: () => Promise<void> };
  beforeAll(async () => {
    const hits: string[] = [];
    const server = await startLoopbackServer((request, _body, response) => {
      hits.push(`${request.method} ${request.url}`);
      sendJson(response, 200, { status: true, transactions: [], height: 1 });
    });
    internal = { ...server, hits };
  });
  afterAll(() => internal.close());

  const strict = new OutboundGuard({ allowPrivateNetworks: false });
  const environments: Array<[string, GatewayEnvironment]> = [
    ['given the guard', { now: () => NOW, webhookUrl: '', publicBaseUrl: '', resellerFetch: strict.fetch }],
    ['given none (the default rules)', { now: () => NOW, webhookUrl: '', publicBaseUrl: '' }],
  ];

  it.each(environments)(
    '%s: a Pay2s or Web2m base on an internal host is refused, unasked',
    async (_, env) => {
      const account = { bankBin: '970422', accountNumber: '0011001932418', accountName: 'CONG TY' };
      const pay2s = vietqrGateway.create(
        vietqrCredentialsSchema.parse({
          ...account,
          feed: 'pay2s',
          pay2sToken: 'push-token',
          pay2sApiToken: 'api-token',
          pay2sApiBase: internal.url,
        }),
        env,
      );
      const web2m = vietqrGateway.create(
        vietqrCredentialsSchema.parse({
          ...account,
          feed: 'web2m',
          web2mBank: 'mb',
          web2mPassword: 'password',
          web2mToken: 'token',
          web2mApiBase: internal.url,
        }),
        env,
      );
      for (const provider of [pay2s, web2m]) {
        if (!('pollEvents' in provider)) throw new Error('VietQR polls its bank feed');
        await expect(
          (provider as { pollEvents: (since: Date) => Promise<unknown> }).pollEvents(NOW),
        ).rejects.toThrow(OutboundRefusedError);
      }
      expect(internal.hits).toEqual([]);
    },
  );

  it.each(environments)('%s: a chain source on an internal host is refused, unasked', async (_, env) => {
    const provider = cryptoGateway.create(
      cryptoCredentialsSchema.parse({
        xpubs: PUBLISHED_ACCOUNT_KEYS,
        rates: { USD: { BTC: '50000' } },
        chainUrl: `${internal.url}/`,
      }),
      env,
    );
    const shown = await provider.createCheckout({
      reference: 'pay_1',
      amount: minorUnits(10_000),
      currency: 'USD',
      description: 'Top-up',
      returnUrl: 'https://console.example/return',
      cancelUrl: 'https://console.example/cancel',
      expiresAt: new Date(NOW.getTime() + 60 * 60_000),
      idempotencyKey: 'key-1',
      saveMethod: false,
      rail: { asset: 'BTC', network: 'bitcoin' },
      addressIndex: 0,
    });
    await expect(
      provider.fetchStatus({ providerPaymentId: shown.providerPaymentId, reference: 'pay_1' }),
    ).rejects.toThrow(OutboundRefusedError);
    expect(internal.hits).toEqual([]);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { AppOptions, PaymentOptions } from '../../src/server/app.js';
import type { DialectName } from '../../src/server/db/database.js';
import type { PaymentProviderId } from '../../src/shared/api/payments.js';
import { key, OPERATOR_TOKEN } from './api.js';
import { http, type HttpReply } from './http.js';
import { sendDelivery, type EmulatedDelivery } from './emulators/stripe-paypal-cryptomus-server.js';
import { Web2mEmulator, type Web2mAccount } from './emulators/web2m.js';
import { startPaymentsApi, type PaymentsApi } from './payments.js';
import { turnOnTestModeOverHttp } from './tenant-over-http.js';
import { manualClock } from './tenants.js';

/**
 * One gateway end to end through the payment service, as its callers see it over real HTTP: a
 * reseller stores credentials and enables the method, a customer tops up, the payer pays at the
 * provider's loopback emulator, and the test reads back the wallet, its top_up rows, the payment
 * and the review list. Jobs are off; tests run them by hand under a clock they move.
 */

/** A request that must succeed (2xx); the body. */
export async function must<T = any>(reply: Promise<HttpReply<T>>): Promise<T> {
  const r = await reply;
  if (r.status < 200 || r.status > 299) throw new Error(`HTTP ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

export interface Shop {
  resellerId: string;
  admin: string;
  customerId: string;
  walletId: string;
}

/** A reseller, its admin key, a customer and an empty wallet in `currency`, all over HTTP. */
export async function openShop(baseUrl: string, name: string, currency: string): Promise<Shop> {
  const reseller = await must(
    http(baseUrl, 'POST', '/v1/resellers', {
      token: OPERATOR_TOKEN,
      body: {
        name,
        adminEmail: `admin-${key(name.toLowerCase().replace(/[^a-z0-9]+/g, '-'))}@example.com`,
        adminPassword: 'correct horse battery staple',
      },
    }),
  );
  const admin = reseller.apiKey as string;
  // Test mode on, as these flows had it before it became opt-in: the sandbox stays one of the methods.
  await turnOnTestModeOverHttp(baseUrl, admin);
  const customer = await must(
    http(baseUrl, 'POST', '/v1/customers', {
      token: admin,
      body: { name: `${name} Customer`, email: `customer-${key()}@example.com`, externalRef: key('ref') },
    }),
  );
  const wallet = await must(
    http(baseUrl, 'POST', `/v1/customers/${customer.id}/wallets`, { token: admin, body: { currency } }),
  );
  return { resellerId: reseller.id, admin, customerId: customer.id, walletId: wallet.id };
}

/** The reseller's admin stores the provider's credentials and turns the method on. */
export async function offerMethod(
  baseUrl: string,
  shop: Shop,
  provider: PaymentProviderId,
  credentials: unknown,
): Promise<void> {
  const stored = await must(
    http(baseUrl, 'PUT', `/v1/payment-settings/credentials/${provider}`, {
      token: shop.admin,
      body: { credentials },
    }),
  );
  expect(stored).toEqual({ provider, configured: true });
  const settings = await must(http(baseUrl, 'GET', '/v1/payment-settings', { token: shop.admin }));
  // `available` is the server's verdict, not a setting: it is not sent back.
  const { available: _, ...method } = settings.methods.find(
    (m: { provider: string }) => m.provider === provider,
  );
  const updated = await must(
    http(baseUrl, 'PATCH', '/v1/payment-settings', {
      token: shop.admin,
      body: { methods: [{ ...method, enabled: true }] },
    }),
  );
  expect(updated.methods.find((m: { provider: string }) => m.provider === provider)).toMatchObject({
    enabled: true,
    available: true,
  });
}

/** The reseller's admin turns a method on with the fee (basis points) it charges on top of the amount. */
export async function setMethodFee(
  baseUrl: string,
  shop: Shop,
  provider: PaymentProviderId,
  feeBasisPoints: number,
): Promise<void> {
  const settings = await must(http(baseUrl, 'GET', '/v1/payment-settings', { token: shop.admin }));
  const { available: _, ...method } = settings.methods.find(
    (m: { provider: string }) => m.provider === provider,
  );
  await must(
    http(baseUrl, 'PATCH', '/v1/payment-settings', {
      token: shop.admin,
      body: { methods: [{ ...method, enabled: true, feeBasisPoints }] },
    }),
  );
}

/** POST /v1/wallets/:id/top-ups as the shop's admin; must be 201. */
export async function startTopUp(baseUrl: string, shop: Shop, body: Record<string, unknown>): Promise<any> {
  const reply = await http(baseUrl, 'POST', `/v1/wallets/${shop.walletId}/top-ups`, {
    token: shop.admin,
    key: key('topup'),
    body,
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

/** A clock tests move by hand, starting at the real time (bank feeds filter by calendar day). */
export const sceneClock = () => manualClock(new Date().toISOString());

export class GatewayScene {
  private constructor(
    readonly api: PaymentsApi,
    readonly clock: ReturnType<typeof manualClock>,
  ) {}

  /** A payments API listening on 127.0.0.1 (port 0), its own database, jobs off, a manual clock. */
  static async start(
    dialect: DialectName,
    payments: PaymentOptions = {},
    clock = sceneClock(),
    outbound?: AppOptions['outbound'],
    /** Where its emails go (an SMTP sink), for scenes that read them. */
    email?: AppOptions['email'],
  ): Promise<GatewayScene> {
    const api = await startPaymentsApi(dialect, {
      listen: true,
      clock: clock.now,
      payments,
      ...(outbound ? { outbound } : {}),
      ...(email ? { email } : {}),
    });
    return new GatewayScene(api, clock);
  }

  get baseUrl(): string {
    return this.api.baseUrl;
  }

  webhookUrl(provider: PaymentProviderId, resellerId: string): string {
    return `${this.baseUrl}/v1/webhooks/${provider}/${resellerId}`;
  }

  offer(shop: Shop, provider: PaymentProviderId, credentials: unknown): Promise<void> {
    return offerMethod(this.baseUrl, shop, provider, credentials);
  }

  setFee(shop: Shop, provider: PaymentProviderId, feeBasisPoints: number): Promise<void> {
    return setMethodFee(this.baseUrl, shop, provider, feeBasisPoints);
  }

  topUp(shop: Shop, body: Record<string, unknown>): Promise<any> {
    return startTopUp(this.baseUrl, shop, body);
  }

  async payment(shop: Shop, id: string): Promise<any> {
    return must(http(this.baseUrl, 'GET', `/v1/payments/${id}`, { token: shop.admin }));
  }

  async balance(shop: Shop): Promise<number> {
    return (await must(http(this.baseUrl, 'GET', `/v1/wallets/${shop.walletId}`, { token: shop.admin })))
      .balance as number;
  }

  async topUpRows(shop: Shop): Promise<any[]> {
    return (
      await must(
        http(this.baseUrl, 'GET', `/v1/wallets/${shop.walletId}/transactions?type=top_up`, {
          token: shop.admin,
        }),
      )
    ).items;
  }

  async reviews(shop: Shop): Promise<any[]> {
    return (await must(http(this.baseUrl, 'GET', '/v1/payment-reviews', { token: shop.admin }))).items;
  }

  /** Rows the webhook route stored for this provider (what a refused delivery must not add to). */
  async storedEvents(provider: PaymentProviderId): Promise<unknown[]> {
    return this.api.db.store.db
      .selectFrom('gateway_events')
      .selectAll()
      .where('provider', '=', provider)
      .execute();
  }

  /** Work started after a webhook was answered, then one run of the events job. */
  async drain(): Promise<void> {
    await this.api.app.payments.settled();
    await this.api.app.paymentJobs.runOnce('gateway-events');
    await this.api.app.payments.settled();
  }

  async runJob(
    name: 'gateway-events' | 'payment-expiry' | 'saved-methods' | 'crypto-late-payments',
  ): Promise<void> {
    await this.api.app.paymentJobs.runOnce(name);
    await this.api.app.payments.settled();
  }

  /**
   * The one observable shape of a credit: the payment `paid`, the wallet up by exactly `amount`
   * (once), and exactly one top_up row, linked to the payment, that the payment points back to.
   */
  async expectCreditedOnce(shop: Shop, paymentId: string, amount: number, balanceBefore: number) {
    const payment = await this.payment(shop, paymentId);
    expect(payment).toMatchObject({ status: 'paid', transactionId: expect.any(String) });
    expect(await this.balance(shop)).toBe(balanceBefore + amount);
    const rows = (await this.topUpRows(shop)).filter(
      (r) => r.reference === paymentId || r.relatedId === paymentId,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: payment.transactionId,
      type: 'top_up',
      amount,
      reference: paymentId,
      relatedId: paymentId,
    });
    return payment;
  }

  /** Nothing credited: no top_up row for the payment, the balance where it was. */
  async expectNothingCredited(shop: Shop, paymentId: string, balanceBefore: number) {
    expect(await this.balance(shop)).toBe(balanceBefore);
    const rows = (await this.topUpRows(shop)).filter(
      (r) => r.reference === paymentId || r.relatedId === paymentId,
    );
    expect(rows).toEqual([]);
    expect((await this.payment(shop, paymentId)).transactionId).toBeNull();
  }

  /** One short payment and one in euros: neither credited, both open in the review list. */
  async expectAmountAndCurrencyReviewed(shop: Shop, shortId: string, euroId: string, balanceBefore: number) {
    await this.expectNothingCredited(shop, shortId, balanceBefore);
    await this.expectNothingCredited(shop, euroId, balanceBefore);
    expect(await this.reviews(shop)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ paymentId: shortId, reason: 'amount', status: 'open' }),
        expect.objectContaining({ paymentId: euroId, reason: 'currency', status: 'open' }),
      ]),
    );
  }

  /** Forged deliveries to `url`: each refused 401, none stored, nothing credited. */
  async expectForgeriesRefused(
    provider: PaymentProviderId,
    forgeries: EmulatedDelivery[],
    url: string,
    shop: Shop,
    paymentId: string,
    balanceBefore: number,
  ) {
    for (const forged of forgeries) {
      expect((await sendDelivery({ ...forged, url })).response?.status).toBe(401);
    }
    await this.drain();
    expect(await this.storedEvents(provider)).toEqual([]);
    await this.expectNothingCredited(shop, paymentId, balanceBefore);
  }

  /**
   * A forged return: the success URL's likely paths, with what the provider appends (`query`),
   * visited by the shop's admin, then the events and expiry jobs. The payment stays `new` and
   * nothing is credited: only the provider's own answer settles a payment.
   */
  async expectForgedReturnCreditsNothing(
    shop: Shop,
    paymentId: string,
    query: string,
    balanceBefore: number,
  ) {
    const forged = [
      `/v1/payments/${paymentId}?${query}`,
      `/v1/payments/${paymentId}/return?${query}`,
      `/v1/payments/${paymentId}/success?${query}`,
      `/payments/${paymentId}?${query}`,
      `/return?${query}`,
    ];
    for (const path of forged) {
      const visit = await fetch(`${this.baseUrl}${path}`, {
        headers: { authorization: `Bearer ${shop.admin}` },
      });
      expect([200, 404]).toContain(visit.status);
    }
    await this.drain();
    await this.runJob('payment-expiry');
    expect((await this.payment(shop, paymentId)).status).toBe('new');
    await this.expectNothingCredited(shop, paymentId, balanceBefore);
  }

  close(): Promise<void> {
    return this.api.close();
  }
}

/**
 * A loopback front for a webhook URL that answers the first `failures` requests 503 and forwards
 * the rest untouched (method, headers, raw body): a provider's retries, seen from its side.
 */
export async function flakyFront(
  target: string,
  failures: number,
): Promise<{ url: string; refused: () => number; close: () => Promise<void> }> {
  let refused = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (refused < failures) {
        refused++;
        response.writeHead(503, { 'content-type': 'application/json' });
        response.end('{"error":"down for maintenance"}');
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name))
          headers[name] = value;
      }
      fetch(target, { method: request.method ?? 'POST', headers, body: Buffer.concat(chunks) })
        .then(async (answer) => {
          response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' });
          response.end(await answer.text());
        })
        .catch(() => {
          response.writeHead(502);
          response.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    refused: () => refused,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * A VND shop offering VietQR whose bank feed is the Web2m emulator, holding `account`: the scene,
 * the emulator (close both after) and the shop.
 */
export async function web2mShop(
  dialect: DialectName,
  name: string,
  account: Web2mAccount,
  clock = sceneClock(),
): Promise<{ scene: GatewayScene; web2m: Web2mEmulator; shop: Shop }> {
  const web2m = await Web2mEmulator.start({ accounts: [account], now: clock.now });
  const scene = await GatewayScene.start(dialect, { apiBaseUrls: { vietqr: web2m.url } }, clock);
  const shop = await openShop(scene.baseUrl, name, 'VND');
  await scene.offer(shop, 'vietqr', {
    bankBin: '970422',
    accountNumber: account.accountNumber,
    accountName: 'CONG TY ACME',
    feed: 'web2m',
    web2mBank: account.bank,
    web2mPassword: account.password,
    web2mToken: account.token,
  });
  return { scene, web2m, shop };
}

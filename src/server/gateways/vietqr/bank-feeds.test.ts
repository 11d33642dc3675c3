import { afterEach, describe, expect, it } from 'vitest';
import { Pay2sEmulator } from '../../../../test/support/emulators/pay2s.js';
import { startLoopbackServer, sendJson } from '../../../../test/support/emulators/loopback-server.js';
import { Web2mEmulator } from '../../../../test/support/emulators/web2m.js';
import { minorUnits } from '../../../shared/money.js';
import {
  checkoutPresentationSchema,
  decideCredit,
  type GatewayEnvironment,
  type ProviderEvent,
} from '../provider.js';
import { vietqrCredentialsSchema, type VietQrCredentials } from './credentials.js';
import { VietQrProvider, vietqrCreditExpectation } from './provider.js';

const NOW = new Date('2030-05-01T05:00:00Z');
const ACCOUNT = '0011001932418';
const OTHER_ACCOUNT = '0881000458086';
const PUSH_TOKEN = 'e3a19a5a65a48ff3b3ef198fcb2a5a6c';
const API_TOKEN = 'cGF5MnMtc2VjcmV0LXRva2Vu';
const WEB2M = { bank: 'mb', password: 'Mb@pass-1', token: 'WEB2M-TOKEN-123' };

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

const base = { bankBin: '970422', accountNumber: ACCOUNT, accountName: 'CONG TY RESELLER' };
function provider(credentials: Record<string, unknown>, apiBaseUrl: string) {
  const env: GatewayEnvironment = {
    now: () => NOW,
    webhookUrl: 'http://127.0.0.1:1/v1/webhooks/vietqr/r_1',
    publicBaseUrl: 'http://127.0.0.1:1',
    apiBaseUrl,
  };
  return new VietQrProvider(
    vietqrCredentialsSchema.parse({ ...base, ...credentials }) as VietQrCredentials,
    env,
  );
}

async function checkout(vietqr: VietQrProvider, reference: string, amount = 500_000) {
  const shown = checkoutPresentationSchema.parse(
    await vietqr.createCheckout({
      reference,
      amount: minorUnits(amount),
      currency: 'VND',
      description: 'Top-up',
      returnUrl: 'http://127.0.0.1:1/r',
      cancelUrl: 'http://127.0.0.1:1/c',
      expiresAt: new Date(NOW.getTime() + 30 * 60_000),
      idempotencyKey: reference,
      saveMethod: false,
    }),
  );
  if (shown.kind !== 'bank_qr') throw new Error('expected a bank QR');
  const status = async () => {
    const snapshot = await vietqr.fetchStatus({ providerPaymentId: shown.providerPaymentId, reference });
    return {
      snapshot,
      decision: decideCredit(vietqrCreditExpectation(shown.providerPaymentId, reference, ACCOUNT), snapshot),
    };
  };
  return { shown, status };
}

async function startPay2s(
  options: { retryIntervalMs?: number; maxRetries?: number; webhookToken?: string } = {},
) {
  const pay2s = await Pay2sEmulator.start({
    webhookToken: options.webhookToken ?? PUSH_TOKEN,
    apiToken: API_TOKEN,
    retryIntervalMs: options.retryIntervalMs ?? 5,
    maxRetries: options.maxRetries ?? 6,
    now: () => NOW,
  });
  closers.push(() => pay2s.close());
  return pay2s;
}

/**
 * Our webhook endpoint in miniature: the raw body to verifyWebhook, its acknowledgement back. The
 * first `failFirst` deliveries get a 500 and a 200 without {"success":true}, as an API that is
 * restarting or broken would answer.
 */
async function receiver(vietqr: VietQrProvider, failFirst = 0) {
  const received: ProviderEvent[] = [];
  let deliveries = 0;
  const server = await startLoopbackServer((request, body, response) => {
    deliveries += 1;
    if (deliveries <= failFirst) {
      sendJson(
        response,
        deliveries % 2 ? 500 : 200,
        deliveries % 2 ? { error: 'restarting' } : { success: false },
      );
      return;
    }
    void vietqr
      .verifyWebhook({ rawBody: Buffer.from(body), headers: request.headers, receivedAt: NOW })
      .then((delivery) => {
        if (!delivery.ok) return sendJson(response, 401, { error: delivery.reason });
        received.push(...delivery.events);
        sendJson(response, delivery.acknowledgement?.status ?? 200, delivery.acknowledgement?.body ?? {});
      });
  });
  closers.push(server.close);
  return { url: server.url, received, deliveries: () => deliveries };
}

describe('Pay2s feed', () => {
  const credentials = { feed: 'pay2s', pay2sToken: PUSH_TOKEN, pay2sApiToken: API_TOKEN };

  it('pushes a transfer to our webhook, retrying until acknowledged, and fetchStatus confirms it', async () => {
    const pay2s = await startPay2s();
    const vietqr = provider(credentials, pay2s.url);
    const hook = await receiver(vietqr, 2);
    pay2s.setWebhookUrl(hook.url);
    const { shown, status } = await checkout(vietqr, 'pay_1');

    const line = pay2s.credit({
      accountNumber: ACCOUNT,
      amount: 500_000,
      content: `MBVCB.8876543.${shown.memo}.CT tu 0123`,
    });
    const acknowledged = await pay2s.delivered(line.id);
    expect(acknowledged).toMatchObject({ attempt: 3, status: 200, acknowledged: true });
    expect(pay2s.attempts.map((a) => [a.status, a.acknowledged])).toEqual([
      [500, false],
      [200, false],
      [200, true],
    ]);
    expect(hook.received).toEqual([
      expect.objectContaining({ kind: 'bank_credit', eventId: `pay2s:${line.id}`, accountNumber: ACCOUNT }),
    ]);

    expect(await status()).toMatchObject({
      snapshot: { status: 'paid', received: { amount: 500_000 }, recipient: ACCOUNT },
      decision: { action: 'credit', overpaid: false },
    });
  });

  it('gives up after the documented retries when never acknowledged', async () => {
    const pay2s = await startPay2s({ maxRetries: 2 });
    const hook = await receiver(provider(credentials, pay2s.url), 100);
    pay2s.setWebhookUrl(hook.url);
    const line = pay2s.credit({ accountNumber: ACCOUNT, amount: 1000, content: 'x' });
    await expect(pay2s.delivered(line.id)).rejects.toThrow(/gave up/);
    expect(hook.deliveries()).toBe(3);
  });

  it('is refused by our endpoint when it pushes with another token', async () => {
    const pay2s = await startPay2s({ maxRetries: 1, webhookToken: '9f2c7d1e4b8a6f3c0d5e2a7b1c9f4e8d' });
    const hook = await receiver(provider(credentials, pay2s.url));
    pay2s.setWebhookUrl(hook.url);
    const line = pay2s.credit({ accountNumber: ACCOUNT, amount: 1000, content: 'x' });
    await expect(pay2s.delivered(line.id)).rejects.toThrow();
    expect(pay2s.attempts.map((a) => a.status)).toEqual([401, 401]);
    expect(hook.received).toEqual([]);
  });

  it('matches by memo and account: partial, then the rest; other memos and accounts are not ours', async () => {
    const pay2s = await startPay2s();
    const vietqr = provider(credentials, pay2s.url);
    const { shown, status } = await checkout(vietqr, 'pay_2');
    const other = await checkout(vietqr, 'pay_3');

    expect(await status()).toMatchObject({
      snapshot: { status: 'pending' },
      decision: { action: 'wait', underpaid: false },
    });
    pay2s.credit({ accountNumber: ACCOUNT, amount: 500_000, content: `chuyen tien ${other.shown.memo}` });
    pay2s.credit({ accountNumber: OTHER_ACCOUNT, amount: 500_000, content: `chuyen tien ${shown.memo}` });
    pay2s.debit({ accountNumber: ACCOUNT, amount: 500_000, content: `hoan tien ${shown.memo}` });
    expect((await status()).snapshot.status).toBe('pending');

    pay2s.credit({ accountNumber: ACCOUNT, amount: 200_000, content: `${shown.memo.toLowerCase()} lan 1` });
    expect(await status()).toMatchObject({
      snapshot: { status: 'processing', received: { amount: 200_000 } },
      decision: { action: 'wait', status: 'processing', underpaid: true },
    });
    pay2s.credit({ accountNumber: ACCOUNT, amount: 300_000, content: `${shown.memo} lan 2` });
    expect((await status()).decision).toEqual({ action: 'credit', overpaid: false });
    expect((await other.status()).decision).toEqual({ action: 'credit', overpaid: false });
  });

  it('fails, rather than reporting unpaid, when the transaction API refuses the token', async () => {
    const pay2s = await startPay2s();
    const vietqr = provider({ ...credentials, pay2sApiToken: 'wrong-token' }, pay2s.url);
    const { status } = await checkout(vietqr, 'pay_4');
    await expect(status()).rejects.toThrow(/refused/);
  });

  it('polls the same lines the push carries, under the same event ids', async () => {
    const pay2s = await startPay2s();
    const vietqr = provider(credentials, pay2s.url);
    const line = pay2s.credit({ accountNumber: ACCOUNT, amount: 70_000, content: 'RC' });
    pay2s.debit({ accountNumber: ACCOUNT, amount: 1_000, content: 'fee' });
    pay2s.credit({ accountNumber: OTHER_ACCOUNT, amount: 1_000, content: 'not ours' });
    expect((await vietqr.pollEvents(NOW)).map((e) => e.eventId)).toEqual([`pay2s:${line.id}`]);
  });
});

describe('Web2m feed', () => {
  const credentials = {
    feed: 'web2m',
    web2mBank: WEB2M.bank,
    web2mPassword: WEB2M.password,
    web2mToken: WEB2M.token,
  };

  async function startWeb2m() {
    const web2m = await Web2mEmulator.start({
      accounts: [
        { ...WEB2M, accountNumber: ACCOUNT },
        { ...WEB2M, accountNumber: OTHER_ACCOUNT },
      ],
      now: () => NOW,
    });
    closers.push(() => web2m.close());
    return web2m;
  }

  it('matches by memo and amount: exact, partial, other memo, other account', async () => {
    const web2m = await startWeb2m();
    const vietqr = provider(credentials, web2m.url);
    const exact = await checkout(vietqr, 'pay_exact', 120_000);
    const partial = await checkout(vietqr, 'pay_partial', 300_000);
    const untouched = await checkout(vietqr, 'pay_untouched', 50_000);

    web2m.credit({
      accountNumber: ACCOUNT,
      amount: 120_000,
      description: `MBVCB.1.${exact.shown.memo}.CT tu 0123`,
    });
    web2m.credit({ accountNumber: ACCOUNT, amount: 100_000, description: `${partial.shown.memo}` });
    web2m.credit({ accountNumber: ACCOUNT, amount: 50_000, description: 'RCXXXXXXXXXX chuyen tien' });
    web2m.credit({ accountNumber: OTHER_ACCOUNT, amount: 50_000, description: untouched.shown.memo });
    web2m.debit({ accountNumber: ACCOUNT, amount: 50_000, description: untouched.shown.memo });

    expect(await exact.status()).toMatchObject({
      snapshot: { status: 'paid', received: { amount: 120_000 }, recipient: ACCOUNT },
      decision: { action: 'credit', overpaid: false },
    });
    expect((await partial.status()).decision).toEqual({
      action: 'wait',
      status: 'processing',
      underpaid: true,
    });
    expect((await untouched.status()).snapshot.status).toBe('pending');

    web2m.credit({
      accountNumber: ACCOUNT,
      amount: 250_000,
      description: `${partial.shown.memo} phan con lai`,
    });
    expect((await partial.status()).decision).toEqual({ action: 'credit', overpaid: true });
  });

  it('polls incoming lines into bank credits keyed by the bank’s transaction id', async () => {
    const web2m = await startWeb2m();
    const vietqr = provider(credentials, web2m.url);
    const a = web2m.credit({ accountNumber: ACCOUNT, amount: 10_000, description: 'one' });
    web2m.debit({ accountNumber: ACCOUNT, amount: 1_000, description: 'fee' });
    const b = web2m.credit({ accountNumber: ACCOUNT, amount: 20_000, description: 'two' });
    web2m.credit({ accountNumber: OTHER_ACCOUNT, amount: 30_000, description: 'elsewhere' });

    const events = await vietqr.pollEvents(NOW);
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'bank_credit',
        eventId: `web2m:${ACCOUNT}:${b.transactionID}`,
        content: 'two',
      }),
      expect.objectContaining({
        kind: 'bank_credit',
        eventId: `web2m:${ACCOUNT}:${a.transactionID}`,
        content: 'one',
      }),
    ]);
    // Lines booked long before `since` are left out; the day's margin keeps late postings in.
    expect(await vietqr.pollEvents(new Date(NOW.getTime() + 2 * 86_400_000))).toEqual([]);
    expect(await vietqr.pollEvents(new Date(NOW.getTime() + 3_600_000))).toHaveLength(2);
  });

  it('fails, rather than reporting nothing, when Web2m refuses the token', async () => {
    const web2m = await startWeb2m();
    const vietqr = provider({ ...credentials, web2mToken: 'expired' }, web2m.url);
    await expect(vietqr.pollEvents(NOW)).rejects.toThrow(/refused/);
    const { status } = await checkout(vietqr, 'pay_5');
    await expect(status()).rejects.toThrow(/refused/);
  });
});

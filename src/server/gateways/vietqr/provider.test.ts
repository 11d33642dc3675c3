import { describe, expect, it } from 'vitest';
import { minorUnits } from '../../../shared/money.js';
import { Failure } from '../../services/failure.js';
import {
  checkoutPresentationSchema,
  type CheckoutRequest,
  type GatewayEnvironment,
  type IncomingWebhook,
} from '../provider.js';
import { vietqrCredentialsSchema } from './credentials.js';
import { findMemoCodes, isMemoCode } from './memo.js';
import { parseVietQr } from './payload.js';
import { VietQrProvider } from './provider.js';

const START = new Date('2030-05-01T05:00:00Z');
const env: GatewayEnvironment = {
  now: () => START,
  webhookUrl: 'http://127.0.0.1:1/v1/webhooks/vietqr/r_1',
  publicBaseUrl: 'http://127.0.0.1:1',
};
const PUSH_TOKEN = 'e3a19a5a65a48ff3b3ef198fcb2a5a6c';
const pay2s = vietqrCredentialsSchema.parse({
  bankBin: '970422',
  accountNumber: '0011001932418',
  accountName: 'CONG TY RESELLER',
  feed: 'pay2s',
  pay2sToken: PUSH_TOKEN,
  pay2sApiToken: 'cGF5MnMtc2VjcmV0',
});

const request = (over: Partial<CheckoutRequest> = {}): CheckoutRequest => ({
  reference: 'pay_1',
  amount: minorUnits(500_000),
  currency: 'VND',
  description: 'Top-up',
  returnUrl: 'http://127.0.0.1:1/r',
  cancelUrl: 'http://127.0.0.1:1/c',
  expiresAt: new Date(START.getTime() + 30 * 60_000),
  idempotencyKey: 'k',
  saveMethod: false,
  ...over,
});

async function bankQr(provider: VietQrProvider, over: Partial<CheckoutRequest> = {}) {
  const shown = checkoutPresentationSchema.parse(await provider.createCheckout(request(over)));
  if (shown.kind !== 'bank_qr') throw new Error('expected a bank QR');
  return shown;
}

describe('VietQR checkout', () => {
  it('shows a dynamic VietQR with our account, the VND amount and the payment’s memo code', async () => {
    const shown = await bankQr(new VietQrProvider(pay2s, env));
    expect(shown).toMatchObject({
      bankBin: '970422',
      accountNumber: '0011001932418',
      accountName: 'CONG TY RESELLER',
      amount: 500_000,
      currency: 'VND',
      expiresAt: '2030-05-01T05:30:00.000Z',
    });
    expect(isMemoCode(shown.memo)).toBe(true);
    expect(parseVietQr(shown.qrPayload)).toEqual({
      ok: true,
      value: {
        initiation: 'dynamic',
        bankBin: '970422',
        accountNumber: '0011001932418',
        service: 'account',
        amount: 500_000,
        purpose: shown.memo,
      },
    });
  });

  it('gives each payment its own memo, and a retried create the same one', async () => {
    const provider = new VietQrProvider(pay2s, env);
    const a = await bankQr(provider, { reference: 'pay_a' });
    const b = await bankQr(provider, { reference: 'pay_b' });
    expect(a.memo).not.toBe(b.memo);
    expect((await bankQr(provider, { reference: 'pay_a' })).memo).toBe(a.memo);
  });

  it('puts the reseller’s prefix before the code, where the bank feed still finds the code', async () => {
    const provider = new VietQrProvider({ ...pay2s, memoPrefix: 'SHOPVPS' }, env);
    const shown = await bankQr(provider);
    expect(shown.memo).toMatch(/^SHOPVPS RC[0-9A-Z]{9}$/);
    expect(findMemoCodes(`MBVCB.123.${shown.memo.replace(' ', '')}.CT tu 0123`)).toEqual([
      shown.memo.slice(8),
    ]);
  });

  it('takes VND only, naming the field', async () => {
    const refusal = await new VietQrProvider(pay2s, env)
      .createCheckout(request({ currency: 'USD', amount: minorUnits(1000) }))
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Failure);
    expect(refusal).toMatchObject({ code: 'validation', field: 'currency' });
  });

  it('refuses credentials that lack what their feed needs', () => {
    const result = vietqrCredentialsSchema.safeParse({ ...pay2s, feed: 'web2m' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'web2mBank',
      'web2mPassword',
      'web2mToken',
    ]);
    expect(vietqrCredentialsSchema.safeParse({ ...pay2s, memoPrefix: 'x'.repeat(14) }).success).toBe(false);
  });
});

describe('Pay2s push through the VietQR provider', () => {
  const line = (over: Record<string, unknown> = {}) => ({
    id: '1788052',
    gateway: 'MB',
    transactionDate: '2030-05-01 12:02:18',
    transactionNumber: '10418',
    accountNumber: '0011001932418',
    content: 'MBVCB.8876543.RC7K2M9QX4A.CT tu 0123456789',
    transferType: 'IN',
    transferAmount: 500000,
    checksum: '7e2b3bbc03d1083017e3d2a96d3b8e01',
    ...over,
  });
  const BODY = JSON.stringify({
    transactions: [
      line(),
      line({ id: '1788053', transferType: 'OUT', content: 'PHI SMS', transferAmount: 11000 }),
    ],
  });
  const push = (
    body: string | Buffer = BODY,
    authorization: string | null = `Bearer ${PUSH_TOKEN}`,
  ): IncomingWebhook => ({
    rawBody: typeof body === 'string' ? Buffer.from(body) : body,
    headers: authorization === null ? {} : { authorization },
    receivedAt: START,
  });
  const provider = new VietQrProvider(pay2s, env);

  it('turns a genuine push into bank credits keyed by Pay2s’s ids, and acknowledges it as Pay2s wants', async () => {
    expect(await provider.verifyWebhook(push())).toEqual({
      ok: true,
      events: [
        {
          kind: 'bank_credit',
          provider: 'vietqr',
          eventId: 'pay2s:1788052',
          accountNumber: '0011001932418',
          amount: { kind: 'fiat', currency: 'VND', amount: 500000 },
          content: 'MBVCB.8876543.RC7K2M9QX4A.CT tu 0123456789',
          bookedAt: '2030-05-01 12:02:18',
        },
        { kind: 'ignored', provider: 'vietqr', eventId: 'pay2s:1788053', eventType: 'bank.transfer_out' },
      ],
      acknowledgement: { status: 200, body: { success: true } },
    });
  });

  it('rejects a missing or wrong token, malformed JSON, and a flipped body that no longer parses', async () => {
    expect(await provider.verifyWebhook(push(BODY, null))).toMatchObject({
      ok: false,
      reason: 'missing_signature',
    });
    expect(await provider.verifyWebhook(push(BODY, `Bearer ${PUSH_TOKEN}x`))).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    expect(await provider.verifyWebhook(push(BODY, `Basic ${PUSH_TOKEN}`))).toMatchObject({
      ok: false,
      reason: 'malformed_signature',
    });
    expect(await provider.verifyWebhook(push('{"transactions": [}'))).toMatchObject({
      ok: false,
      reason: 'malformed_body',
    });
    expect(
      await provider.verifyWebhook(push(JSON.stringify({ transactions: [line({ transferAmount: 1.5 })] }))),
    ).toMatchObject({
      ok: false,
      reason: 'malformed_body',
    });
    // One bit of the opening brace flipped: '{' (0x7b) → '{' ^ 0x01 = 'z'.
    const flipped = Buffer.from(BODY);
    flipped[0] = (flipped[0] ?? 0) ^ 0x01;
    expect(await provider.verifyWebhook(push(flipped))).toMatchObject({
      ok: false,
      reason: 'malformed_body',
    });
    // A flip inside the amount that still parses is authentic-looking: it is only a hint, and the
    // payment is credited from the bank feed's own answer (fetchStatus), never from the push.
  });

  it('refuses pushes for an account whose feed is polled', async () => {
    const polled = new VietQrProvider(
      vietqrCredentialsSchema.parse({
        ...pay2s,
        feed: 'web2m',
        pay2sToken: undefined,
        web2mBank: 'mb',
        web2mPassword: 'p',
        web2mToken: 't',
      }),
      env,
    );
    expect(await polled.verifyWebhook(push())).toMatchObject({ ok: false, reason: 'bad_signature' });
  });
});

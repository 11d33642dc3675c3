import { describe, expect, it } from 'vitest';
import { minorUnits } from '../../shared/money.js';
import { constantTimeEqual } from './constant-time.js';
import { baseUnits } from './crypto/amounts.js';
import {
  checkoutPresentationSchema,
  decideCredit,
  headerValue,
  type CreditExpectation,
  type ProviderPaymentSnapshot,
} from './provider.js';

const expected: CreditExpectation = {
  providerPaymentId: 'pp_1',
  reference: 'pay_1',
  recipient: 'acct_merchant',
  amount: { kind: 'fiat', currency: 'USD', amount: minorUnits(10_000) },
};
const snapshot = (over: Partial<ProviderPaymentSnapshot> = {}): ProviderPaymentSnapshot => ({
  providerPaymentId: 'pp_1',
  reference: 'pay_1',
  status: 'paid',
  received: { kind: 'fiat', currency: 'USD', amount: minorUnits(10_000) },
  recipient: 'acct_merchant',
  ...over,
});

describe('decideCredit', () => {
  it('credits a confirmed payment that matches in every respect', () => {
    expect(decideCredit(expected, snapshot())).toEqual({ action: 'credit', overpaid: false });
    expect(decideCredit(expected, snapshot({ reference: null }))).toEqual({
      action: 'credit',
      overpaid: false,
    });
  });

  it('credits what was expected and flags an overpayment', () => {
    const more = snapshot({ received: { kind: 'fiat', currency: 'USD', amount: minorUnits(10_001) } });
    expect(decideCredit(expected, more)).toEqual({ action: 'credit', overpaid: true });
  });

  it('sends every identity mismatch to review, whatever the status says', () => {
    expect(decideCredit(expected, snapshot({ providerPaymentId: 'pp_2' }))).toEqual({
      action: 'review',
      mismatch: 'payment',
    });
    expect(decideCredit(expected, snapshot({ reference: 'pay_other_reseller' }))).toEqual({
      action: 'review',
      mismatch: 'reference',
    });
    expect(decideCredit(expected, snapshot({ recipient: 'acct_attacker' }))).toEqual({
      action: 'review',
      mismatch: 'recipient',
    });
    expect(
      decideCredit(
        expected,
        snapshot({ received: { kind: 'fiat', currency: 'EUR', amount: minorUnits(10_000) } }),
      ),
    ).toEqual({ action: 'review', mismatch: 'currency' });
    expect(
      decideCredit(
        expected,
        snapshot({
          received: { kind: 'coin', asset: 'USDT', network: 'tron', amount: baseUnits(100_000_000n) },
        }),
      ),
    ).toEqual({ action: 'review', mismatch: 'currency' });
  });

  it('never credits a short payment: review when the provider calls it paid, wait while it is open', () => {
    const short = { kind: 'fiat' as const, currency: 'USD' as const, amount: minorUnits(9_999) };
    expect(decideCredit(expected, snapshot({ received: short }))).toEqual({
      action: 'review',
      mismatch: 'amount',
    });
    expect(decideCredit(expected, snapshot({ status: 'processing', received: short }))).toEqual({
      action: 'wait',
      status: 'processing',
      underpaid: true,
    });
    const nothing = { kind: 'fiat' as const, currency: 'USD' as const, amount: minorUnits(0) };
    expect(decideCredit(expected, snapshot({ status: 'pending', received: nothing }))).toEqual({
      action: 'wait',
      status: 'pending',
      underpaid: false,
    });
  });

  it('closes final unpaid states without crediting', () => {
    for (const status of ['cancelled', 'expired', 'failed'] as const) {
      expect(decideCredit(expected, snapshot({ status }))).toEqual({ action: 'close', status });
    }
  });

  it('compares coin amounts on the same asset and network', () => {
    const coin: CreditExpectation = {
      ...expected,
      amount: { kind: 'coin', asset: 'BTC', network: 'bitcoin', amount: baseUnits(150_000n) },
    };
    const got = (n: bigint) =>
      snapshot({ received: { kind: 'coin', asset: 'BTC', network: 'bitcoin', amount: baseUnits(n) } });
    expect(decideCredit(coin, got(150_000n))).toEqual({ action: 'credit', overpaid: false });
    expect(decideCredit(coin, got(149_999n))).toEqual({ action: 'review', mismatch: 'amount' });
    expect(
      decideCredit(
        { ...coin, amount: { kind: 'coin', asset: 'USDT', network: 'ethereum', amount: baseUnits(1n) } },
        snapshot({ received: { kind: 'coin', asset: 'USDT', network: 'tron', amount: baseUnits(1n) } }),
      ),
    ).toEqual({ action: 'review', mismatch: 'currency' });
  });
});

describe('headerValue', () => {
  it('finds a header by any case and refuses ambiguous repeats', () => {
    expect(headerValue({ 'stripe-signature': 't=1,v1=a' }, 'Stripe-Signature')).toBe('t=1,v1=a');
    expect(headerValue({ 'Stripe-Signature': 't=1,v1=a' }, 'stripe-signature')).toBe('t=1,v1=a');
    expect(headerValue({ authorization: ['Bearer a', 'Bearer a'] }, 'Authorization')).toBe('Bearer a');
    expect(headerValue({ authorization: ['Bearer a', 'Bearer b'] }, 'Authorization')).toBeUndefined();
    expect(
      headerValue({ authorization: 'Bearer a', Authorization: 'Bearer b' }, 'authorization'),
    ).toBeUndefined();
    expect(headerValue({}, 'authorization')).toBeUndefined();
    expect(headerValue({ authorization: undefined }, 'authorization')).toBeUndefined();
  });
});

describe('constantTimeEqual', () => {
  it('is equality, including across lengths', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual(Buffer.from('abc'), 'abc')).toBe(true);
  });
});

describe('checkout presentation schema', () => {
  const expiresAt = '2030-01-01T00:00:00.000Z';
  it('accepts what the desktop can show', () => {
    const redirect = {
      kind: 'redirect',
      providerPaymentId: 'cs_1',
      url: 'https://checkout.stripe.com/c/pay/cs_1',
      expiresAt,
    };
    expect(checkoutPresentationSchema.parse(redirect)).toEqual(redirect);
    expect(
      checkoutPresentationSchema.safeParse({ ...redirect, url: 'http://127.0.0.1:4010/pay' }).success,
    ).toBe(true);
    const bank = {
      kind: 'bank_qr',
      providerPaymentId: 'vq_1',
      qrPayload: '000201…',
      bankBin: '970415',
      accountNumber: '0011001932418',
      accountName: 'CONG TY ABC',
      amount: 120000,
      currency: 'VND',
      memo: 'RC7K2M9QX4A',
      expiresAt,
    };
    expect(checkoutPresentationSchema.safeParse(bank).success).toBe(true);
    const crypto = {
      kind: 'crypto_qr',
      providerPaymentId: 'ci_1',
      qrPayload: 'bitcoin:bc1q…?amount=0.0015',
      asset: 'BTC',
      network: 'bitcoin',
      address: 'bc1q…',
      amount: '0.00150000',
      requiredConfirmations: 2,
      expiresAt,
    };
    expect(checkoutPresentationSchema.safeParse(crypto).success).toBe(true);
  });

  it('refuses plain-http redirects off loopback, float amounts and unknown fields', () => {
    const redirect = {
      kind: 'redirect',
      providerPaymentId: 'cs_1',
      url: 'http://evil.example/pay',
      expiresAt,
    };
    expect(checkoutPresentationSchema.safeParse(redirect).success).toBe(false);
    expect(checkoutPresentationSchema.safeParse({ ...redirect, url: 'javascript:alert(1)' }).success).toBe(
      false,
    );
    expect(
      checkoutPresentationSchema.safeParse({ ...redirect, url: 'https://ok.example', extra: true }).success,
    ).toBe(false);
    const bank = {
      kind: 'bank_qr',
      providerPaymentId: 'vq_1',
      qrPayload: 'x',
      bankBin: '970415',
      accountNumber: '1',
      accountName: '',
      amount: 1000.5,
      currency: 'VND',
      memo: 'RC',
      expiresAt,
    };
    expect(checkoutPresentationSchema.safeParse(bank).success).toBe(false);
  });
});

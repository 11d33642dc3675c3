import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage } from '../i18n';
import { paymentBadges, paymentStatusLabel, providerLabel } from './payment-labels';

const base = { status: 'new', underpaid: false, overpaid: false, test: false } as const;

describe('paymentBadges', () => {
  afterEach(() => applyLanguage('en'));

  it('says a held payment whose money arrived is paid and waits for staff', async () => {
    const held = {
      ...base,
      heldForReview: true,
      savedMethodId: 'spm_1',
      checkout: { kind: 'none' },
    } as const;
    await applyLanguage('en');
    expect(paymentBadges(held)[0]!.label).toBe('Paid — waiting for staff: the wallet could not take it');
  });

  it('says a saved-method charge held unanswered is not confirmed, never that it was paid', async () => {
    // Never answered, held once its provider may have forgotten its key (lapsed-charge.ts).
    const unanswered = { ...base, heldForReview: true, savedMethodId: 'spm_1', checkout: null } as const;
    await applyLanguage('en');
    expect(paymentBadges(unanswered)[0]).toEqual({
      label: 'Charge not confirmed — staff are checking it with the provider',
      tone: 'warning',
    });
    // Where staff pick the payment a review's money goes to, too.
    expect(paymentStatusLabel(unanswered)).toBe(paymentBadges(unanswered)[0]!.label);
    expect(paymentStatusLabel({ ...unanswered, heldForReview: false })).toBe('Awaiting payment');
    await applyLanguage('vi');
    expect(paymentBadges(unanswered)[0]!.label).toBe(
      'Khoản thu chưa được xác nhận — nhân viên đang kiểm tra với nhà cung cấp',
    );
  });
});

describe('providerLabel', () => {
  afterEach(() => applyLanguage('en'));

  it('names a provider it knows in the console’s language', async () => {
    expect(providerLabel('paypal')).toBe('PayPal');
    await applyLanguage('vi');
    expect(providerLabel('vietqr')).toMatch(/VietQR/);
  });

  it('shows an id this release does not know as the server sent it, even one named like an object’s own property', () => {
    expect(providerLabel('newpay')).toBe('newpay');
    expect(providerLabel('constructor')).toBe('constructor');
    expect(providerLabel('toString')).toBe('toString');
  });
});

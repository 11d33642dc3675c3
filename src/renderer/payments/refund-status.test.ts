import { afterEach, describe, expect, it } from 'vitest';
import { refundSchema } from '../../shared/api/refunds';
import { applyLanguage, i18n } from '../i18n';
import { refundStatusLabel } from './refund-status';

const words = (refund: Parameters<typeof refundStatusLabel>[0]) => {
  const { labelKey, values } = refundStatusLabel(refund);
  return labelKey ? i18n.t(`payments:${labelKey}`, values ?? {}) : refund.status;
};

/** A refund as the API sends it (GET /v1/payments/:id/refunds), `pending` at Stripe. */
const atTheBank = {
  id: 'ref_1',
  walletId: 'wal_1',
  customerId: 'cus_1',
  paymentId: 'pay_1',
  provider: 'stripe',
  method: 'provider',
  amount: 2_000,
  currency: 'USD',
  reason: 'Customer asked',
  status: 'pending',
  destination: null,
  reference: null,
  providerRefundId: 're_1',
  failureReason: null,
  transactionId: 'txn_1',
  compensationId: null,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
};

describe('a refund status in the console', () => {
  afterEach(() => applyLanguage('en'));

  it('says a refund Stripe accepted but the bank has not settled is pending at the bank, in English and Vietnamese', async () => {
    const refund = refundSchema.parse(atTheBank);
    await applyLanguage('en');
    expect(words(refund)).toBe('Refund pending at the bank');
    expect(refundStatusLabel(refund).tone).toBe('pending');
    await applyLanguage('vi');
    expect(words(refund)).toBe('Hoàn tiền đang chờ ngân hàng xử lý');
  });

  it('keeps "pending" for one not answered yet, and the words it had for the others', async () => {
    await applyLanguage('en');
    expect(words(refundSchema.parse({ ...atTheBank, providerRefundId: null }))).toBe('Pending');
    expect(words(refundSchema.parse({ ...atTheBank, status: 'succeeded' }))).toBe('Refunded');
    expect(words(refundSchema.parse({ ...atTheBank, status: 'failed', compensationId: 'txn_c1' }))).toBe(
      'Refused, credited back',
    );
  });

  it('says a refund that failed with nothing credited back (its wallet closed) waits in a review, in English and Vietnamese', async () => {
    const refund = refundSchema.parse({ ...atTheBank, status: 'failed', failureCode: 'refused' });
    await applyLanguage('en');
    expect(words(refund)).toBe('Failed after the wallet closed: in a payment review');
    expect(refundStatusLabel(refund).tone).toBe('danger');
    await applyLanguage('vi');
    expect(words(refund)).toBe('Thất bại sau khi ví đã đóng: đang chờ xem xét');
  });

  it('says a refund held for staff unanswered is not confirmed and being checked with its provider, in English and Vietnamese', async () => {
    const refund = refundSchema.parse({
      ...atTheBank,
      provider: 'paypal',
      providerRefundId: null,
      heldForReview: true,
    });
    await applyLanguage('en');
    expect(words(refund)).toBe('Refund not confirmed — staff are checking it with PayPal');
    expect(refundStatusLabel(refund).tone).toBe('warning');
    await applyLanguage('vi');
    expect(words(refund)).toBe('Hoàn tiền chưa được xác nhận — nhân viên đang kiểm tra với PayPal');
  });

  it('still reads a refund as an older server sends it (no failure code)', () => {
    expect(refundSchema.safeParse(atTheBank).success).toBe(true);
    expect(refundSchema.parse({ ...atTheBank, status: 'succeeded' }).failureCode).toBeUndefined();
  });
});

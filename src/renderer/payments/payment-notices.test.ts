import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../i18n';
import { noticeText, PAID_NOTICE_MS, usePaymentNotices } from './payment-notices';

const notice = {
  paymentId: 'pay_1',
  walletId: 'wal_1',
  amount: 500_000,
  currency: 'VND' as const,
  balance: 1_500_000,
  invoice: null,
  // What main sends beside the figures: English, whatever the console's language.
  message: 'Top-up of ₫500,000 paid. New balance: ₫1,500,000.',
};

describe('the toast when a top-up ends', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it("says what became of it in the console's language, amounts in their currency", async () => {
    expect(noticeText({ ...notice, status: 'paid' })).toBe(
      'Top-up of ₫500,000 paid. New balance: ₫1,500,000.',
    );
    expect(noticeText({ ...notice, status: 'paid', balance: null })).toBe('Top-up of ₫500,000 paid.');
    expect(noticeText({ ...notice, status: 'failed' })).toBe('Top-up of ₫500,000 failed.');
    await i18n.changeLanguage('vi');
    expect(noticeText({ ...notice, status: 'paid' })).toMatch(
      /^Đã nạp thành công 500\.000\s₫\. Số dư mới: 1\.500\.000\s₫\.$/u,
    );
    expect(noticeText({ ...notice, status: 'expired' })).toMatch(/^Khoản nạp 500\.000\s₫ đã hết hạn/u);
  });

  it('tells a payment of an invoice as one, by its number, and names no new balance', async () => {
    const paysInvoice = { ...notice, invoice: { id: 'inv_1', number: 'INV-2026-0007' } };
    expect(noticeText({ ...paysInvoice, status: 'paid' })).toBe(
      'Payment of ₫500,000 for invoice INV-2026-0007 received.',
    );
    expect(noticeText({ ...paysInvoice, status: 'failed' })).toBe(
      'Payment of ₫500,000 for invoice INV-2026-0007 failed.',
    );
    // Not in the cache yet: its id stands in for the number.
    expect(noticeText({ ...paysInvoice, invoice: { id: 'inv_1', number: null }, status: 'paid' })).toBe(
      'Payment of ₫500,000 for invoice inv_1 received.',
    );
    await i18n.changeLanguage('vi');
    expect(noticeText({ ...paysInvoice, status: 'paid' })).toMatch(
      /^Đã nhận 500\.000\s₫ thanh toán hóa đơn INV-2026-0007\.$/u,
    );
  });
});

describe('the toast when a payment did not complete', () => {
  afterEach(() => i18n.changeLanguage('en'));
  const declined = {
    ...notice,
    status: 'failed' as const,
    failureCode: 'declined' as const,
    declineCode: 'insufficient_funds',
    message: 'Top-up of ₫500,000 failed: Your card has insufficient funds.',
  };

  it('says why, in Vietnamese, in the words the payment page uses', async () => {
    await i18n.changeLanguage('vi');
    expect(noticeText(declined)).toMatch(
      /^Khoản nạp 500\.000\s₫ thất bại\. Bị ngân hàng từ chối: thẻ không đủ tiền\. Hãy dùng thẻ khác hoặc thử lại sau\.$/u,
    );
    // A decline code the console does not word still says it was declined.
    expect(noticeText({ ...declined, declineCode: 'fraudulent' })).toMatch(
      /^Khoản nạp 500\.000\s₫ thất bại\. Thanh toán bị từ chối\. Ví của bạn không bị trừ tiền\.$/u,
    );
    const atCheckout = {
      ...notice,
      status: 'cancelled' as const,
      failureCode: 'cancelled_at_checkout' as const,
      invoice: { id: 'inv_1', number: 'INV-2026-0007' },
    };
    expect(noticeText(atCheckout)).toMatch(
      /^Thanh toán 500\.000\s₫ cho hóa đơn INV-2026-0007 đã bị hủy\. Thanh toán đã bị hủy trên trang thanh toán\. Bạn không bị trừ tiền\.$/u,
    );
  });

  it('says why in English too, and nothing more when its status already says it', () => {
    expect(noticeText({ ...declined, failureCode: 'gateway_unavailable', declineCode: null })).toBe(
      `Top-up of ₫500,000 failed. ${i18n.t('top-up:ts.failure.gateway_unavailable')}`,
    );
    expect(noticeText({ ...notice, status: 'expired', failureCode: 'expired' })).toBe(
      'Top-up of ₫500,000 expired before it was paid.',
    );
    expect(noticeText({ ...notice, status: 'cancelled', failureCode: 'cancelled_before_paid' })).toBe(
      'Top-up of ₫500,000 was cancelled.',
    );
    // A notice from a main that sent no codes says what it said before.
    expect(noticeText({ ...notice, status: 'failed' })).toBe('Top-up of ₫500,000 failed.');
  });
});

describe('how long a toast stays', () => {
  afterEach(() => {
    usePaymentNotices.setState({ notices: [], held: false });
    vi.useRealTimers();
  });
  const shown = () => usePaymentNotices.getState().notices.map((n) => `${n.paymentId}:${n.status}`);

  it('lets a paid one go by itself, keeps one that did not pay until dismissed', () => {
    vi.useFakeTimers();
    const { noticeArrived } = usePaymentNotices.getState();
    noticeArrived({ ...notice, paymentId: 'pay_1', status: 'paid' });
    noticeArrived({ ...notice, paymentId: 'pay_2', status: 'failed' });
    vi.advanceTimersByTime(PAID_NOTICE_MS - 1);
    expect(shown()).toEqual(['pay_2:failed', 'pay_1:paid']);
    vi.advanceTimersByTime(1);
    expect(shown()).toEqual(['pay_2:failed']);
    vi.advanceTimersByTime(10 * PAID_NOTICE_MS);
    expect(shown()).toEqual(['pay_2:failed']);
  });

  it('keeps a paid one while someone points at or tabs through the toasts, then gives it its time again', () => {
    vi.useFakeTimers();
    const { noticeArrived, noticesHeld } = usePaymentNotices.getState();
    noticeArrived({ ...notice, paymentId: 'pay_1', status: 'paid' });
    vi.advanceTimersByTime(PAID_NOTICE_MS - 1_000);
    noticesHeld(true);
    vi.advanceTimersByTime(5 * PAID_NOTICE_MS);
    expect(shown()).toEqual(['pay_1:paid']);
    noticesHeld(false);
    vi.advanceTimersByTime(PAID_NOTICE_MS - 1);
    expect(shown()).toEqual(['pay_1:paid']);
    vi.advanceTimersByTime(1);
    expect(shown()).toEqual([]);
  });
});

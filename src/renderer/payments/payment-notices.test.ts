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

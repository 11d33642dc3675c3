import { describe, expect, it } from 'vitest';
import type { WalletAlert } from '../../shared/api/alerts.js';
import type { EventPayload } from '../../shared/ipc-contract.js';
import { formatMoney } from '../../shared/money.js';
import { alertNotification, NOTIFICATION_CATALOGS, paymentNotification } from './notification-text.js';

const notice: EventPayload<'payments:status-changed'> = {
  paymentId: 'pay_1',
  walletId: 'wal_1',
  status: 'paid',
  amount: 150_000,
  currency: 'VND',
  balance: 2_150_000,
  invoice: null,
  message: 'Top-up of ₫150,000 paid. New balance: ₫2,150,000.',
};
const alert: WalletAlert = {
  id: 'alr_1',
  walletId: 'wal_1',
  customerId: 'cus_1',
  type: 'wallet.balance_low',
  reason: 'runway',
  message: 'Acme Ltd · USD wallet: 3 days of runway left',
  availableBalance: 4_200,
  currency: 'USD',
  threshold: null,
  runwayDays: 7,
  daysLeft: 3,
  channels: ['desktop'],
  createdAt: '2030-01-01T00:00:00.000Z',
};
const vnd = (amount: number) => formatMoney(amount, 'VND', { locale: 'vi-VN' });

describe('desktop notifications', () => {
  it('say a paid top-up in Vietnamese, amounts in the Vietnamese locale (VND with no minor unit)', () => {
    expect(paymentNotification(notice, 'vi')).toEqual({
      title: 'Đã nạp tiền',
      body: `Đã thanh toán khoản nạp ${vnd(150_000)}. Số dư mới: ${vnd(2_150_000)}.`,
    });
    expect(paymentNotification({ ...notice, status: 'expired' }, 'vi')).toEqual({
      title: 'Nạp tiền chưa hoàn tất',
      body: `Khoản nạp ${vnd(150_000)} đã hết hạn trước khi được thanh toán.`,
    });
  });

  it('say why a top-up did not complete in Vietnamese, in the words the console uses for it', () => {
    const declined = {
      ...notice,
      status: 'failed' as const,
      failureCode: 'declined' as const,
      declineCode: 'insufficient_funds',
      message: 'Top-up of ₫150,000 failed: Your card has insufficient funds.',
    };
    expect(paymentNotification(declined, 'vi')).toEqual({
      title: 'Nạp tiền chưa hoàn tất',
      body: `Khoản nạp ${vnd(150_000)} thất bại. Bị ngân hàng từ chối: thẻ không đủ tiền. Hãy dùng thẻ khác hoặc thử lại sau.`,
    });
    // A decline code the console does not word still says it was declined, not the English reason.
    expect(paymentNotification({ ...declined, declineCode: 'fraudulent' }, 'vi').body).toBe(
      `Khoản nạp ${vnd(150_000)} thất bại. Thanh toán bị từ chối. Ví của bạn không bị trừ tiền.`,
    );
    const atCheckout = {
      ...notice,
      status: 'cancelled' as const,
      failureCode: 'cancelled_at_checkout' as const,
      invoice: { id: 'inv_1', number: 'INV-2026-0007' },
    };
    expect(paymentNotification(atCheckout, 'vi').body).toBe(
      `Thanh toán ${vnd(150_000)} cho hóa đơn INV-2026-0007 đã bị hủy. Thanh toán đã bị hủy trên trang thanh toán. Bạn không bị trừ tiền.`,
    );
  });

  it('say a paid invoice as one, by its number, in Vietnamese and in English', () => {
    const paysInvoice = {
      ...notice,
      invoice: { id: 'inv_1', number: 'INV-2026-0007' },
      message: 'Payment of ₫150,000 for invoice INV-2026-0007 received.',
    };
    expect(paymentNotification(paysInvoice, 'vi')).toEqual({
      title: 'Đã thanh toán hóa đơn',
      body: `Đã nhận ${vnd(150_000)} thanh toán hóa đơn INV-2026-0007.`,
    });
    expect(paymentNotification(paysInvoice, 'en')).toEqual({
      title: 'Invoice paid',
      body: 'Payment of ₫150,000 for invoice INV-2026-0007 received.',
    });
  });

  it("keep the event's own sentence in English, which may say more (a failure's reason)", () => {
    const failed = { ...notice, status: 'failed' as const, message: 'Top-up of ₫150,000 failed: declined' };
    expect(paymentNotification(failed, 'en')).toEqual({
      title: 'Top-up not completed',
      body: 'Top-up of ₫150,000 failed: declined',
    });
    expect(alertNotification(alert, 'en')).toEqual({ title: 'Low balance', body: alert.message });
  });

  it('word a wallet alert from its facts in Vietnamese', () => {
    expect(alertNotification(alert, 'vi')).toEqual({
      title: 'Số dư thấp',
      body: `Số dư khả dụng là ${formatMoney(4_200, 'USD', { locale: 'vi-VN' })}: còn khoảng 3 ngày với mức chi tiêu hiện tại.`,
    });
    expect(alertNotification({ ...alert, type: 'wallet.auto_top_up_failed' }, 'vi').title).toBe(
      'Tự động nạp tiền thất bại',
    );
  });

  it('have every sentence in both languages with the same placeholders', () => {
    const placeholders = (s: string) =>
      [...s.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1])
        .sort()
        .join();
    const { en, vi } = NOTIFICATION_CATALOGS;
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(vi[key].trim(), key).not.toBe('');
      expect(placeholders(vi[key]), key).toBe(placeholders(en[key]));
    }
  });
});

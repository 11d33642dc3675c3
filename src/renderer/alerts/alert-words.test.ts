import { afterEach, describe, expect, it } from 'vitest';
import type { AutoTopUp, WalletAlert } from '../../shared/api/alerts';
import { i18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import {
  alertText,
  chargeErrorText,
  chargeUnconfirmedText,
  lastErrorText,
  switchedOffText,
} from './alert-words';
import { autoTopUpSetting } from './auto-top-up.fixture';

const alert = (over: Partial<WalletAlert>): WalletAlert => ({
  id: 'wal_alert_1',
  walletId: 'wal_1',
  customerId: 'cus_1',
  type: 'wallet.balance_low',
  reason: 'threshold',
  message: 'the server’s English',
  availableBalance: 81_311,
  currency: 'USD',
  threshold: 90_000,
  runwayDays: null,
  daysLeft: null,
  channels: ['desktop'],
  createdAt: '2026-12-06T00:39:00.000Z',
  ...over,
});

describe('what an alert says', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('words a low balance, a short runway and a recovery from their figures, as the server words them in English', () => {
    expect(alertText(alert({}))).toBe('Available balance $813.11 is below $900.00');
    expect(alertText(alert({ reason: 'runway', runwayDays: 30, daysLeft: 12, threshold: null }))).toBe(
      'About 12 days of spending left, below 30 days (available $813.11)',
    );
    expect(alertText(alert({ type: 'wallet.balance_recovered', reason: null }))).toBe(
      'Available balance recovered to $813.11',
    );
  });

  it('says them in Vietnamese, amounts in Vietnamese marks', async () => {
    await i18n.changeLanguage('vi');
    expect(alertText(alert({ currency: 'VND', availableBalance: 49_019_722, threshold: 50_000_000 }))).toBe(
      'Số dư khả dụng 49.019.722\u00a0₫ thấp hơn 50.000.000\u00a0₫',
    );
  });

  it('shows the server’s words for what it cannot word itself: a failed auto top-up carries the gateway’s reason', () => {
    expect(
      alertText(alert({ type: 'wallet.auto_top_up_failed', reason: null, message: 'card declined' })),
    ).toBe('card declined');
  });

  it('says why auto top-up was switched off in the console’s language, from the reason’s kind', async () => {
    const off = (over: Partial<AutoTopUp>) =>
      autoTopUpSetting({
        enabled: false,
        consecutiveFailures: 4,
        attemptsToday: 1,
        lastError: 'card declined',
        disabledReason: 'the server’s English',
        disabledWhy: 'failures',
        ...over,
      });
    expect(switchedOffText(off({}))).toBe(
      'Switched off after 4 failed charges in a row (last: card declined). Check the payment method, then switch auto top-up on again.',
    );
    expect(switchedOffText(off({ disabledWhy: 'method_removed' }))).toMatch(/card it charged was removed/);
    await i18n.changeLanguage('vi');
    expect(switchedOffText(off({}))).toBe(
      'Đã tắt sau 4 lần trừ tiền thất bại liên tiếp (lần cuối: card declined). Hãy kiểm tra phương thức thanh toán, rồi bật lại tự động nạp tiền.',
    );
    expect(switchedOffText(off({ disabledWhy: 'method_removed' }))).toBe(
      'Đã tắt vì thẻ dùng để trừ tiền đã bị xoá. Hãy chọn thẻ khác, rồi bật lại tự động nạp tiền.',
    );
    expect(switchedOffText(off({ disabledWhy: 'closing' }))).toBe(
      'Đã tắt khi bắt đầu đóng ví này: số dư đang được hoàn trả, không nạp thêm.',
    );
    // A reason this console does not know (an older server): the server’s words.
    expect(switchedOffText(off({ disabledWhy: undefined }))).toBe('the server’s English');
  });

  it('words a failed auto top-up from its particulars, the next try as a date of the console’s locale', async () => {
    const failed = (over: Partial<NonNullable<WalletAlert['autoTopUp']>>) =>
      alert({
        type: 'wallet.auto_top_up_failed',
        reason: null,
        threshold: null,
        autoTopUp: {
          amount: 5_000,
          upTo: false,
          error: 'card declined',
          nextAttemptAt: '2031-05-01T00:15:00.000Z',
          failures: 1,
          switchedOff: false,
          ...over,
        },
      });
    const date = formatDateTime('2031-05-01T00:15:00.000Z');
    expect(alertText(failed({}))).toBe(`Auto top-up of $50.00 failed: card declined. Next try ${date}.`);
    expect(alertText(failed({ upTo: true }))).toBe(
      `Auto top-up up to $50.00 failed: card declined. Next try ${date}.`,
    );
    expect(alertText(failed({ nextAttemptAt: null, failures: 4, switchedOff: true }))).toBe(
      'Auto top-up failed: card declined. Switched off after 4 failed charges in a row (last: card declined). Check the payment method, then switch auto top-up on again.',
    );
    expect(alertText(failed({}))).not.toContain('2031-05-01T');
    await i18n.changeLanguage('vi');
    const ngay = formatDateTime('2031-05-01T00:15:00.000Z');
    expect(ngay).not.toBe(date);
    expect(alertText(failed({}))).toBe(
      `Tự động nạp 50,00\u00a0US$ thất bại: card declined. Lần thử tiếp theo: ${ngay}.`,
    );
    expect(alertText(failed({ nextAttemptAt: null, failures: 4, switchedOff: true }))).toBe(
      'Tự động nạp tiền thất bại: card declined. Đã tắt sau 4 lần trừ tiền thất bại liên tiếp (lần cuối: card declined). Hãy kiểm tra phương thức thanh toán, rồi bật lại tự động nạp tiền.',
    );
  });

  it('words a failed charge’s error from its reason in the console’s language; the English when it has none it knows', async () => {
    const declined = { key: 'payment_failed', values: { code: 'declined' } };
    const limit = { key: 'top_up_limit', values: { min: 100, max: 1_000, currency: 'USD' } };
    const failed = (over: Partial<NonNullable<WalletAlert['autoTopUp']>>) =>
      alert({
        type: 'wallet.auto_top_up_failed',
        reason: null,
        threshold: null,
        autoTopUp: {
          amount: 5_000,
          upTo: false,
          error: 'The payment was declined.',
          errorReason: declined,
          nextAttemptAt: null,
          failures: 1,
          switchedOff: false,
          ...over,
        },
      });
    const setting = (over: Partial<AutoTopUp>) =>
      autoTopUpSetting({
        state: 'due',
        consecutiveFailures: 1,
        attemptsToday: 1,
        lastError: 'The payment was declined.',
        lastErrorReason: declined,
        ...over,
      });
    const off = setting({
      enabled: false,
      state: 'idle',
      consecutiveFailures: 4,
      disabledReason: 'the server’s English',
      disabledWhy: 'failures',
    });

    expect(alertText(failed({}))).toBe('Auto top-up of $50.00 failed: The payment was declined.');
    expect(lastErrorText(setting({}))).toBe('The payment was declined');

    await i18n.changeLanguage('vi');
    expect(alertText(failed({}))).toBe('Tự động nạp 50,00\u00a0US$ thất bại: Thanh toán bị từ chối.');
    expect(alertText(failed({ switchedOff: true, failures: 4 }))).toBe(
      'Tự động nạp tiền thất bại: Thanh toán bị từ chối. Đã tắt sau 4 lần trừ tiền thất bại liên tiếp (lần cuối: Thanh toán bị từ chối). Hãy kiểm tra phương thức thanh toán, rồi bật lại tự động nạp tiền.',
    );
    expect(lastErrorText(setting({}))).toBe('Thanh toán bị từ chối');
    const applied = { key: 'payment_failed', values: { code: 'applied_to_other_payment' } };
    expect(lastErrorText(setting({ lastErrorReason: applied }))).toBe(
      'Nhân viên đã áp dụng khoản tiền đến cho khoản thanh toán này vào một khoản thanh toán khác',
    );
    expect(switchedOffText(off)).toBe(
      'Đã tắt sau 4 lần trừ tiền thất bại liên tiếp (lần cuối: Thanh toán bị từ chối). Hãy kiểm tra phương thức thanh toán, rồi bật lại tự động nạp tiền.',
    );
    // A refusal before any payment: worded as the console words that refusal, its amounts its own.
    expect(
      lastErrorText(
        setting({ lastError: 'a top-up must be between $1.00 and $10.00', lastErrorReason: limit }),
      ),
    ).toBe('Số tiền nạp phải từ 1,00\u00a0US$ đến 10,00\u00a0US$');
    expect(
      lastErrorText(
        setting({
          lastError: 'the payment expired',
          lastErrorReason: { key: 'payment_ended', values: { status: 'expired' } },
        }),
      ),
    ).toBe('Thanh toán đã hết hạn');
    expect(
      lastErrorText(
        setting({
          lastError: 'the saved payment method was removed',
          lastErrorReason: { key: 'saved_method_removed', values: {} },
        }),
      ),
    ).toBe('Phương thức thanh toán đã lưu đã bị xoá');
    // Refused by its error code alone: the reseller turned the method off after it was set up.
    const offered = { key: 'error_code', values: { code: 'method_unavailable' } };
    expect(
      lastErrorText(
        setting({ lastError: 'Sandbox test card is not offered by this reseller', lastErrorReason: offered }),
      ),
    ).toBe('Phương thức thanh toán này chưa được bật cho đại lý này');
    // No reason (an error stored before reasons, or an older server), or one this console does not
    // know: the server’s English, its full stop left to the sentence it is put in.
    expect(
      lastErrorText(setting({ lastError: 'Your card has insufficient funds.', lastErrorReason: null })),
    ).toBe('Your card has insufficient funds');
    expect(
      lastErrorText(
        setting({ lastErrorReason: { key: 'payment_failed', values: { code: 'struck_by_lightning' } } }),
      ),
    ).toBe('The payment was declined');
    expect(alertText(failed({ errorReason: undefined }))).toBe(
      'Tự động nạp 50,00\u00a0US$ thất bại: The payment was declined.',
    );
  });

  it('words a declined card’s charge from the bank’s decline code; a code it must not tell, or does not know, as the plain decline', async () => {
    const bank = (declineCode: string) => ({
      key: 'payment_failed',
      values: { code: 'declined', declineCode },
    });
    expect(chargeErrorText('The payment was declined.', bank('expired_card'))).toBe(
      'Declined by the bank: the card has expired',
    );
    expect(chargeErrorText('The payment was declined.', bank('lost_card'))).toBe('The payment was declined');
    await i18n.changeLanguage('vi');
    expect(chargeErrorText('The payment was declined.', bank('insufficient_funds'))).toBe(
      'Bị ngân hàng từ chối: thẻ không đủ tiền',
    );
    expect(chargeErrorText('The payment was declined.', bank('a_code_from_the_future'))).toBe(
      'Thanh toán bị từ chối',
    );
    // PayPal's issues for a vaulted account's charge it declined.
    expect(chargeErrorText('The payment was declined.', bank('PAYER_ACTION_REQUIRED'))).toBe(
      'Bị từ chối: PayPal cần chủ tài khoản xác nhận từng khoản thanh toán trên PayPal, điều mà lần trừ tiền tự động không thể yêu cầu',
    );
    await i18n.changeLanguage('en');
    expect(chargeErrorText('The payment was declined.', bank('INSTRUMENT_DECLINED'))).toBe(
      'Declined: the card or bank account paying through PayPal refused it',
    );
    expect(chargeErrorText('The payment was declined.', bank('TRANSACTION_REFUSED'))).toBe(
      'Refused by PayPal without a reason given',
    );
  });

  it('says an auto top-up waits on its provider to confirm its last charge: how often and since when it asked, and when it asks next', async () => {
    expect(chargeUnconfirmedText({ chargeUnconfirmed: null })).toBeNull();
    expect(chargeUnconfirmedText({})).toBeNull();
    const waiting = {
      provider: 'stripe' as const,
      code: 'gateway_unavailable',
      asks: 5,
      since: '2026-12-03T10:02:00.000Z',
      retryAt: '2026-12-03T11:02:00.000Z',
    };
    const since = formatDateTime(waiting.since);
    const at = formatDateTime(waiting.retryAt);
    expect(chargeUnconfirmedText({ chargeUnconfirmed: waiting })).toBe(
      `Waiting for Stripe to confirm the last charge: asked 5 times since ${since}; asking again at ${at}.`,
    );
    expect(chargeUnconfirmedText({ chargeUnconfirmed: { ...waiting, asks: 1, provider: 'paypal' } })).toBe(
      `Waiting for PayPal to confirm the last charge: asked once, at ${since}; asking again at ${at}.`,
    );
    await i18n.changeLanguage('vi');
    expect(chargeUnconfirmedText({ chargeUnconfirmed: waiting })).toBe(
      `Đang chờ Stripe xác nhận lần trừ tiền gần nhất: đã hỏi 5 lần từ ${formatDateTime(waiting.since)}; sẽ hỏi lại lúc ${formatDateTime(waiting.retryAt)}.`,
    );
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { AutoTopUpAttempt } from '../../shared/api/alerts';
import { i18n } from '../i18n';
import { formatDateTime } from '../lib/format';
import { attemptOutcomeText } from './attempt-words';

const attempt = (over: Partial<AutoTopUpAttempt>): AutoTopUpAttempt => ({
  id: 'atu_1',
  walletId: 'wal_1',
  paymentId: 'pay_1',
  amount: 5_000,
  currency: 'USD',
  status: 'paid',
  error: null,
  errorReason: null,
  waitingOn: null,
  createdAt: '2026-12-06T00:39:00.000Z',
  updatedAt: '2026-12-06T00:39:05.000Z',
  ...over,
});

const declined = attempt({
  status: 'failed',
  error: 'The payment was declined.',
  errorReason: { key: 'payment_failed', values: { code: 'declined', declineCode: 'expired_card' } },
});
// Refused before any payment existed (over the reseller's top-up limits): no payment, nothing charged.
const refused = attempt({
  paymentId: null,
  status: 'failed',
  error: 'a top-up must be between $1.00 and $10.00',
  errorReason: { key: 'top_up_limit', values: { min: 100, max: 1_000, currency: 'USD' } },
});
const waiting = attempt({
  status: 'pending',
  waitingOn: { provider: 'stripe', since: '2026-12-06T00:45:00.000Z' },
});

describe('what an auto top-up charge says', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('says each outcome in English: charged, being charged, waiting on its provider, declined with the bank’s reason', () => {
    expect(attemptOutcomeText(attempt({}))).toBe('Charged');
    expect(attemptOutcomeText(attempt({ status: 'pending' }))).toBe('Being charged');
    expect(attemptOutcomeText(waiting)).toBe(
      `Waiting for Stripe to confirm it, since ${formatDateTime('2026-12-06T00:45:00.000Z')}`,
    );
    expect(attemptOutcomeText(declined)).toBe('Failed — Declined by the bank: the card has expired');
    // A refusal this console words (its limits), and an error it has no words for: the server's English.
    expect(
      attemptOutcomeText(
        attempt({
          status: 'failed',
          error: 'the payment failed',
          errorReason: { key: 'payment_ended', values: { status: 'failed' } },
        }),
      ),
    ).toBe('Failed — The payment failed');
    expect(
      attemptOutcomeText(attempt({ status: 'failed', error: 'Card network said no.', errorReason: null })),
    ).toBe('Failed — Card network said no');
  });

  it('a charge refused before any payment says the card was not charged, and why', async () => {
    expect(attemptOutcomeText(refused)).toBe('Not charged — A top-up must be between $1.00 and $10.00');
    expect(
      attemptOutcomeText(
        attempt({
          paymentId: null,
          status: 'failed',
          error: 'the saved payment method was removed',
          errorReason: { key: 'saved_method_removed', values: {} },
        }),
      ),
    ).toBe('Not charged — The saved payment method was removed');
    await i18n.changeLanguage('vi');
    expect(attemptOutcomeText(refused)).toMatch(
      /^Không trừ tiền — Số tiền nạp phải từ 1,00\s*US\$ đến 10,00\s*US\$$/,
    );
  });

  it('a try the daily cap stopped says the card was not charged, the cap, and when it tries again', async () => {
    const capped = attempt({
      paymentId: null,
      status: 'failed',
      error:
        'auto top-up already tried 3 times this UTC day, the most it tries in a day; it tries again at 2026-12-07T00:00:00.000Z',
      errorReason: {
        key: 'auto_top_up_daily_cap',
        values: { cap: 3, nextAttemptAt: '2026-12-07T00:00:00.000Z' },
      },
    });
    const at = formatDateTime('2026-12-07T00:00:00.000Z');
    expect(attemptOutcomeText(capped)).toBe(
      `Not charged — Auto top-up already tried 3 times today (UTC), the most it tries in a day; it tries again at ${at}`,
    );
    await i18n.changeLanguage('vi');
    expect(attemptOutcomeText(capped)).toBe(
      `Không trừ tiền — Tự động nạp tiền đã thử 3 lần trong ngày hôm nay (giờ UTC), mức tối đa cho một ngày; sẽ thử lại lúc ${formatDateTime('2026-12-07T00:00:00.000Z')}`,
    );
  });

  it('says them in Vietnamese', async () => {
    await i18n.changeLanguage('vi');
    expect(attemptOutcomeText(attempt({}))).toBe('Đã trừ tiền');
    expect(attemptOutcomeText(attempt({ status: 'pending' }))).toBe('Đang trừ tiền');
    expect(attemptOutcomeText(waiting)).toBe(
      `Đang chờ Stripe xác nhận, từ ${formatDateTime('2026-12-06T00:45:00.000Z')}`,
    );
    expect(attemptOutcomeText(declined)).toBe('Thất bại — Bị ngân hàng từ chối: thẻ đã hết hạn');
  });
});

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

import { afterEach, describe, expect, it } from 'vitest';
import { paymentFailureCodes, type Payment } from '../../shared/api/payments';
import type { OutboxItem } from '../../shared/ipc-contract';
import { TEST_NOW, testPayment } from '../../shared/testing/records';
import { i18n } from '../i18n';
import { paymentBadges } from '../payments/payment-labels';
import { countdown, endMessage, networkWarning, topUpWorkflow, type WorkflowStep } from './workflow';

const T = TEST_NOW;
const item: OutboxItem = {
  id: 'obx_1',
  kind: 'payment.create',
  state: 'pending',
  payload: { localId: 'local_pay_1', amount: 2500, provider: 'sandbox' },
  customerId: 'cus_1',
  walletId: 'wal_1',
  currency: 'USD',
  summary: { key: 'topUp', values: { amount: 2500, currency: 'USD', provider: 'sandbox' } },
  error: null,
  createdAt: T,
};
const payment = (patch: Partial<Payment>): Payment =>
  testPayment({
    checkout: { kind: 'redirect', url: 'http://127.0.0.1:9/sandbox/checkout/pay_1', expiresAt: T },
    ...patch,
  });
const cryptoQr = {
  kind: 'crypto_qr' as const,
  qrPayload: 'tron:TXYZ?amount=25',
  asset: 'USDT' as const,
  network: 'tron' as const,
  address: 'TXYZ',
  amount: '25.000000',
  requiredConfirmations: 1,
  expiresAt: T,
};

describe('topUpWorkflow', () => {
  it('follows a hosted-page top-up from the outbox to paid', () => {
    const steps: WorkflowStep[] = [
      topUpWorkflow({ kind: 'queued', item }, true),
      topUpWorkflow({ kind: 'queued', item: { ...item, state: 'sending' } }, false),
      topUpWorkflow({ kind: 'payment', payment: payment({}) }, false),
      topUpWorkflow({ kind: 'payment', payment: payment({ status: 'processing' }) }, false),
      topUpWorkflow({ kind: 'payment', payment: payment({ status: 'paid', paidAt: T }) }, false),
    ].map((w) => w.step);
    expect(steps).toEqual(['queued', 'queued', 'redirect', 'processing', 'paid']);
    expect(topUpWorkflow({ kind: 'queued', item }, true)).toMatchObject({ offline: true });
    expect(topUpWorkflow({ kind: 'payment', payment: payment({}) }, false)).toMatchObject({
      url: 'http://127.0.0.1:9/sandbox/checkout/pay_1',
    });
  });

  it('tells the payer to go back to PayPal when PayPal waits on them to finish, in English and Vietnamese', async () => {
    const waiting = payment({ provider: 'paypal', declineCode: 'PAYER_ACTION_REQUIRED' });
    try {
      expect(topUpWorkflow({ kind: 'payment', payment: waiting }, false)).toMatchObject({
        step: 'redirect',
        url: 'http://127.0.0.1:9/sandbox/checkout/pay_1',
        payerAction:
          'PayPal could not take this payment yet: it needs you to confirm it in PayPal. Open the payment page again and finish it there.',
      });
      await i18n.changeLanguage('vi');
      expect(topUpWorkflow({ kind: 'payment', payment: waiting }, false)).toMatchObject({
        payerAction:
          'PayPal chưa thể nhận khoản thanh toán này: PayPal cần bạn xác nhận trên PayPal. Hãy mở lại trang thanh toán và hoàn tất ở đó.',
      });
    } finally {
      await i18n.changeLanguage('en');
    }
    // Nothing to say while nothing is asked of the payer.
    expect(topUpWorkflow({ kind: 'payment', payment: payment({}) }, false)).toMatchObject({
      step: 'redirect',
      payerAction: null,
    });
  });

  it('keeps the QR up while underpaid, until paid', () => {
    const underpaid = payment({
      provider: 'crypto',
      status: 'processing',
      underpaid: true,
      checkout: { ...cryptoQr, amount: '10.000000', received: '15.000000' },
    });
    expect(topUpWorkflow({ kind: 'payment', payment: underpaid }, false)).toMatchObject({
      step: 'crypto_qr',
      checkout: { amount: '10.000000', received: '15.000000' },
    });
    expect(
      topUpWorkflow({ kind: 'payment', payment: { ...underpaid, status: 'paid', underpaid: false } }, false)
        .step,
    ).toBe('paid');
  });

  it('ends in a clear message when declined, cancelled, expired or refused', () => {
    expect(
      topUpWorkflow(
        { kind: 'payment', payment: payment({ status: 'failed', failureReason: 'card declined' }) },
        false,
      ),
    ).toMatchObject({ step: 'ended', outcome: 'failed', message: 'The payment failed. Card declined.' });
    expect(
      topUpWorkflow({ kind: 'payment', payment: payment({ status: 'cancelled' }) }, false),
    ).toMatchObject({
      step: 'ended',
      outcome: 'cancelled',
      message: 'The payment was cancelled.',
    });
    expect(topUpWorkflow({ kind: 'payment', payment: payment({ status: 'expired' }) }, false)).toMatchObject({
      outcome: 'expired',
    });
    expect(
      topUpWorkflow(
        {
          kind: 'queued',
          item: { ...item, state: 'rejected', error: { code: 'validation', message: 'amount: too small' } },
        },
        false,
      ),
    ).toMatchObject({ step: 'refused', message: 'amount: too small' });
    expect(topUpWorkflow(null, false)).toEqual({ step: 'missing' });
  });

  it('words a refused top-up in the console’s language: from its reason, else from its code', async () => {
    const refused = (error: NonNullable<OutboxItem['error']>) =>
      topUpWorkflow({ kind: 'queued', item: { ...item, state: 'rejected', error } }, false);
    const offMeanwhile = {
      code: 'method_unavailable',
      message: 'Sandbox test card is not offered by this reseller',
    };
    const limit = {
      code: 'top_up_limit',
      message: 'a top-up must be between 5.00 USD and 50.00 USD',
      reason: { key: 'top_up_limit', values: { min: 500, max: 5_000, currency: 'USD' } },
    };
    try {
      expect(refused(offMeanwhile)).toMatchObject({ message: offMeanwhile.message });
      expect(refused(limit)).toMatchObject({ message: 'A top-up must be between $5.00 and $50.00.' });
      await i18n.changeLanguage('vi');
      expect(refused(offMeanwhile)).toMatchObject({
        message: 'Phương thức thanh toán này chưa được bật cho đại lý này.',
      });
      expect(refused(limit)).toMatchObject({ message: expect.stringMatching(/^Số tiền nạp phải từ 5,00/) });
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  describe('why it ended, from the failure code', () => {
    afterEach(() => i18n.changeLanguage('en'));
    const ended = (failureCode: Payment['failureCode'], failureReason: string) =>
      payment({
        status:
          failureCode === 'expired'
            ? 'expired'
            : failureCode?.startsWith('cancelled')
              ? 'cancelled'
              : 'failed',
        failureCode,
        failureReason,
      });

    it("says each once, in the console's language, without the server's English sentence", async () => {
      const declined = ended('declined', 'The payment was declined.');
      expect(endMessage(declined)).toBe('The payment was declined. Nothing was charged to your wallet.');
      expect(
        endMessage(ended('cancelled_at_checkout', 'The payment was cancelled at the payment page.')),
      ).toBe('The payment was cancelled at the payment page. Nothing was charged.');
      await i18n.changeLanguage('vi');
      expect(endMessage(declined)).toBe('Thanh toán bị từ chối. Ví của bạn không bị trừ tiền.');
      for (const code of paymentFailureCodes) {
        const message = endMessage(ended(code, 'English reason.'));
        expect(message, code).not.toMatch(/English reason|[.] The /);
        expect(message, code).not.toBe('');
      }
    });

    it('tells a payer whose held payment staff closed that nothing was credited, and whom to ask', async () => {
      const closed = payment({
        status: 'cancelled',
        failureCode: 'closed_by_staff',
        failureReason: 'English reason.',
        heldForReview: false,
      });
      const english =
        'Staff closed this payment without crediting it: the wallet could not take the money. Contact support about the money that arrived.';
      expect(topUpWorkflow({ kind: 'payment', payment: closed }, false)).toMatchObject({
        step: 'ended',
        message: english,
      });
      await i18n.changeLanguage('vi');
      expect(endMessage(closed)).toBe(
        'Nhân viên đã đóng khoản thanh toán này mà không ghi có: ví không thể nhận khoản tiền này. Hãy liên hệ bộ phận hỗ trợ về khoản tiền đã đến.',
      );
    });

    it('tells a payer whose held payment staff applied to another payment that it was not credited itself', async () => {
      const elsewhere = payment({
        status: 'cancelled',
        failureCode: 'applied_to_other_payment',
        failureReason: 'English reason.',
        heldForReview: false,
      });
      expect(topUpWorkflow({ kind: 'payment', payment: elsewhere }, false)).toMatchObject({
        step: 'ended',
        message:
          'Staff applied the money that arrived for this payment to another payment: this payment itself was not credited.',
      });
      await i18n.changeLanguage('vi');
      expect(endMessage(elsewhere)).toBe(
        'Nhân viên đã áp dụng khoản tiền đến cho khoản thanh toán này vào một khoản thanh toán khác: bản thân khoản thanh toán này không được ghi có.',
      );
    });

    it('tells a payer whose payment expired partly paid that what arrived is kept, not to start again', async () => {
      const partly = payment({
        provider: 'crypto',
        status: 'expired',
        failureCode: 'expired',
        underpaid: true,
        checkout: { ...cryptoQr, amount: '15.000000', received: '10.000000' },
      });
      expect(topUpWorkflow({ kind: 'payment', payment: partly }, false)).toMatchObject({
        step: 'ended',
        outcome: 'expired',
        message: expect.stringContaining('Part of the amount arrived before this payment expired'),
      });
      expect(endMessage(partly)).not.toMatch(/Start a new top-up/);
      expect(endMessage(partly)).toContain('What arrived is not lost');
      await i18n.changeLanguage('vi');
      expect(endMessage(partly)).toContain('Số tiền đã đến không bị mất');
      // Nothing arrived: the plain "start again".
      expect(endMessage({ ...partly, underpaid: false })).toBe(
        'Thanh toán đã hết hạn trước khi được trả. Hãy tạo lần nạp tiền mới để thử lại.',
      );
    });

    it("falls back to the server's reason for a payment recorded before codes", () => {
      expect(endMessage(ended(null, 'card declined'))).toBe('The payment failed. Card declined.');
    });
  });

  it('shows a payment held for staff as paid and waiting, with no page, QR or cancel to act on', async () => {
    const held = [
      payment({ heldForReview: true }),
      payment({ status: 'processing', heldForReview: true }),
      payment({ provider: 'crypto', status: 'new', heldForReview: true, checkout: cryptoQr }),
    ];
    for (const p of held) expect(topUpWorkflow({ kind: 'payment', payment: p }, false).step).toBe('held');
    const [badge] = paymentBadges(held[0]!);
    expect(badge).toEqual({
      label: 'Paid — waiting for staff: the wallet could not take it',
      tone: 'warning',
    });
    await i18n.changeLanguage('vi');
    expect(paymentBadges(held[1]!)[0]!.label).toBe(
      'Đã trả — đang chờ nhân viên: ví không thể nhận khoản tiền này',
    );
    // Applied by staff: paid like any other.
    const applied = payment({ status: 'paid', paidAt: T, heldForReview: false });
    expect(topUpWorkflow({ kind: 'payment', payment: applied }, false).step).toBe('paid');
    expect(paymentBadges(applied)[0]!.label).toBe('Đã thanh toán');
    await i18n.changeLanguage('en');
  });

  it('has nothing for the payer to do when a saved method was charged', () => {
    expect(
      topUpWorkflow({ kind: 'payment', payment: payment({ checkout: { kind: 'none' } }) }, false).step,
    ).toBe('processing');
  });
});

describe('countdown', () => {
  const now = Date.parse(T);
  it('counts down to the expiry, then stops', () => {
    expect(countdown('2030-01-01T00:15:00.000Z', now)).toBe('15:00');
    expect(countdown('2030-01-01T00:00:09.500Z', now)).toBe('0:09');
    expect(countdown('2030-01-01T02:03:04.000Z', now)).toBe('2:03:04');
    expect(countdown(T, now)).toBeNull();
    expect(countdown('not a date', now)).toBeNull();
  });
});

describe('networkWarning', () => {
  it('names the coin and the network', () => {
    expect(networkWarning({ asset: 'USDT', network: 'tron' })).toMatch(/^Send only USDT on Tron \(TRC-20\)/);
  });

  it('says testnet on a test network', () => {
    expect(networkWarning({ asset: 'BTC', network: 'bitcoin' })).toMatch(
      /^Send only BTC on the Bitcoin network/,
    );
    expect(networkWarning({ asset: 'BTC', network: 'bitcoin', testnet: true })).toMatch(
      /^Send only BTC on the Bitcoin testnet to this address/,
    );
  });
});

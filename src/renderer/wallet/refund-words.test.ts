import { afterEach, describe, expect, it } from 'vitest';
import type { Refund } from '../../shared/api/refunds';
import { i18n } from '../i18n';
import { refusedRefundsText, stillOpenText } from './refund-words';

const refund = (over: Partial<Refund>): Refund => ({
  id: 'rfd_1',
  walletId: 'wal_1',
  customerId: 'cus_1',
  paymentId: 'pay_1',
  provider: 'stripe',
  method: 'provider',
  amount: 2_500,
  currency: 'USD',
  reason: 'Closing the wallet',
  status: 'failed',
  destination: null,
  reference: null,
  providerRefundId: null,
  failureReason: 'Stripe: charge_disputed: This charge is disputed and cannot be refunded',
  failureCode: 'disputed',
  transactionId: 'txn_1',
  compensationId: 'txn_2',
  createdAt: '2026-12-06T00:39:00.000Z',
  updatedAt: '2026-12-06T00:39:00.000Z',
  ...over,
});

describe('why a refund was refused, in the console’s language', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('words each refused refund from its failure code; without one it knows, the provider’s English', async () => {
    const refunds = [
      refund({}),
      refund({
        id: 'rfd_2',
        amount: 1_000,
        failureCode: 'no_charge',
        failureReason: 'Stripe holds no charge',
      }),
      refund({ id: 'rfd_3', status: 'succeeded', failureCode: null, failureReason: null }),
    ];
    expect(refusedRefundsText(refunds)).toBe(
      '$25.00 (the payment is disputed), $10.00 (the provider holds no charge of this payment left to refund)',
    );
    await i18n.changeLanguage('vi');
    expect(refusedRefundsText(refunds)).toBe(
      '25,00\u00a0US$ (khoản thanh toán đang bị khiếu nại), 10,00\u00a0US$ (nhà cung cấp không còn khoản thu nào của thanh toán này để hoàn)',
    );
    // PayPal's refusals that ask the reader to do something else than retry have their own words.
    await i18n.changeLanguage('en');
    const late = [refund({ failureCode: 'too_late', failureReason: 'PayPal UNPROCESSABLE_ENTITY …' })];
    const low = [refund({ failureCode: 'provider_balance_low', failureReason: 'PayPal …' })];
    expect(refusedRefundsText(late)).toBe(
      '$25.00 (too long since the payment for the provider to refund it: pay it out by hand)',
    );
    expect(refusedRefundsText(low)).toBe(
      '$25.00 (your balance at the provider is too low to refund it: add funds there and try again)',
    );
    await i18n.changeLanguage('vi');
    expect(refusedRefundsText(late)).toBe(
      '25,00\u00a0US$ (đã quá lâu kể từ khi thanh toán nên nhà cung cấp không hoàn được: hãy chi trả thủ công)',
    );
    expect(refusedRefundsText([refund({ failureCode: 'full_refund_only' })])).toBe(
      '25,00\u00a0US$ (nhà cung cấp chỉ hoàn toàn bộ khoản thanh toán này)',
    );
    // From an older server (no code), or a code this console does not know: the provider's words.
    expect(
      refusedRefundsText([
        refund({ failureCode: undefined }),
        refund({ failureCode: 'lost_at_sea' as Refund['failureCode'], failureReason: null }),
      ]),
    ).toBe(
      '25,00\u00a0US$ (Stripe: charge_disputed: This charge is disputed and cannot be refunded), 25,00\u00a0US$ (bị từ chối)',
    );
  });
});

describe('why a wallet asked to close stays open, in the console’s language', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('names the refused refunds; a refund with no answer yet is not called refused', async () => {
    expect(stillOpenText([refund({}), refund({ id: 'rfd_2', status: 'succeeded' })])).toBe(
      'A refund was refused and its money is back on the wallet, which stays open: $25.00 (the payment is disputed)',
    );
    const unanswered = [refund({ status: 'pending', failureCode: null, failureReason: null })];
    expect(stillOpenText(unanswered)).toBe(
      'A refund of $25.00 has no answer from the payment provider yet: the wallet stays open until it is answered. Try closing it again later.',
    );
    await i18n.changeLanguage('vi');
    expect(stillOpenText(unanswered)).toBe(
      'Khoản hoàn tiền 25,00\u00a0US$ chưa được nhà cung cấp thanh toán trả lời: ví vẫn mở cho đến khi có câu trả lời. Hãy thử đóng ví lại sau.',
    );
  });

  it('says money that reached the wallet meanwhile keeps it open', () => {
    expect(stillOpenText([refund({ status: 'succeeded' })])).toBe(
      'The wallet received money while it was being closed and stays open: close it again to pay that out too.',
    );
  });
});

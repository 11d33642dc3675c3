import { afterEach, describe, expect, it } from 'vitest';
import type { Payment } from '../../shared/api/payments';
import { testPayment } from '../../shared/testing/records';
import { i18n } from '../i18n';
import { endMessage } from './workflow';

const declined = (declineCode: Payment['declineCode']): Payment =>
  testPayment({
    status: 'failed',
    failureCode: 'declined',
    failureReason: 'The payment was declined.',
    declineCode,
  });

describe('why a card was declined, in the console’s language', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('words the issuer’s reason from the decline code', async () => {
    expect(endMessage(declined('expired_card'))).toBe('Declined by the bank: the card has expired.');
    expect(endMessage(declined('insufficient_funds'))).toBe(
      'Declined by the bank: the card does not have enough funds. Use another card or try again later.',
    );
    expect(endMessage(declined('incorrect_cvc'))).toBe(
      'Declined: the card’s security code (CVC) is incorrect.',
    );
    // Stripe's aliases read as the code they stand beside.
    expect(endMessage(declined('generic_decline'))).toBe(endMessage(declined('do_not_honor')));
    await i18n.changeLanguage('vi');
    expect(endMessage(declined('expired_card'))).toBe('Bị ngân hàng từ chối: thẻ đã hết hạn.');
    expect(endMessage(declined('do_not_honor'))).toBe(
      'Bị ngân hàng từ chối mà không nêu lý do. Hãy liên hệ ngân hàng hoặc dùng thẻ khác.',
    );
  });

  it('words PayPal’s reason for declining, from its issue', async () => {
    expect(endMessage(declined('INSTRUMENT_DECLINED'))).toBe(
      'Declined: the card or bank account paying through PayPal refused this payment. Choose another in PayPal, or pay another way.',
    );
    expect(endMessage(declined('PAYER_ACTION_REQUIRED'))).toBe(
      'Declined: PayPal needs the account holder to confirm this payment in PayPal, which a saved account’s charge cannot ask for. Pay on the payment page instead.',
    );
    await i18n.changeLanguage('vi');
    expect(endMessage(declined('TRANSACTION_REFUSED'))).toBe(
      'Bị PayPal từ chối mà không nêu lý do. Hãy thanh toán cách khác, hoặc liên hệ PayPal.',
    );
    expect(endMessage(declined('INSTRUMENT_DECLINED'))).toBe(
      'Bị từ chối: thẻ hoặc tài khoản ngân hàng thanh toán qua PayPal đã từ chối khoản thanh toán này. Hãy chọn nguồn tiền khác trong PayPal, hoặc thanh toán cách khác.',
    );
  });

  it('an unknown code, none, or a code the payer must not be told (lost, stolen) reads as the plain decline', async () => {
    const generic = 'The payment was declined. Nothing was charged to your wallet.';
    for (const code of [
      'a_code_from_the_future',
      null,
      undefined,
      'lost_card',
      'stolen_card',
      'fraudulent',
    ]) {
      expect(endMessage(declined(code)), String(code)).toBe(generic);
    }
    await i18n.changeLanguage('vi');
    expect(endMessage(declined('lost_card'))).toBe('Thanh toán bị từ chối. Ví của bạn không bị trừ tiền.');
  });

  it('a decline code on a payment that did not end declined changes nothing', () => {
    const cancelled = testPayment({
      status: 'cancelled',
      failureCode: 'cancelled_at_checkout',
      failureReason: 'The payment was cancelled at the payment page.',
      declineCode: 'expired_card',
    });
    expect(endMessage(cancelled)).toBe('The payment was cancelled at the payment page. Nothing was charged.');
  });
});

import { describe, expect, it } from 'vitest';
import { pageText } from './page-text.js';
import { payerErrorMessage } from './payer-errors.js';

describe('payer error messages', () => {
  it('words a refusal by its code in the page language, not in the API message', () => {
    const vi = pageText('vi');
    expect(payerErrorMessage(vi, { code: 'gateway_unavailable' }, 'link.notStarted')).toBe(
      'Không thể kết nối tới nhà cung cấp thanh toán. Bạn chưa bị trừ tiền; hãy thử lại sau vài phút.',
    );
    expect(
      payerErrorMessage(pageText('en'), { code: 'top_up_limit' }, 'link.notStarted', {
        min: '$0.50',
        max: '$15,000.00',
      }),
    ).toBe('Enter an amount between $0.50 and $15,000.00.');
  });

  it('tells a fixable form mistake by its field, and falls back for codes a payer cannot act on', () => {
    const en = pageText('en');
    expect(payerErrorMessage(en, { code: 'validation', field: 'asset' }, 'link.notStarted')).toBe(
      'Choose one of the coins offered.',
    );
    expect(payerErrorMessage(en, { code: 'validation', field: 'payerId' }, 'link.notStarted')).toBe(
      'Some of what was entered is not valid. Go back and check the form.',
    );
    expect(payerErrorMessage(en, { code: 'credentials_key_missing' }, 'link.notStarted')).toBe(
      'This top-up could not be started.',
    );
    expect(payerErrorMessage(pageText('vi'), undefined, 'link.paymentNotStarted')).toBe(
      pageText('vi').t('link.paymentNotStarted'),
    );
  });

  it('words a link revoked, used or expired, or paid a different amount, by its reason as the link page does', () => {
    const vi = pageText('vi');
    const en = pageText('en');
    const refused = (key: string, field = 'topUpLinkToken') => ({
      code: key === 'top_up_link_amount' ? 'validation' : 'conflict',
      field,
      reason: { key },
    });
    expect(payerErrorMessage(vi, refused('top_up_link_revoked'), 'link.notStarted')).toBe(
      vi.t('link.revoked'),
    );
    expect(payerErrorMessage(vi, refused('top_up_link_used'), 'link.notStarted')).toBe(
      'Liên kết nạp tiền này đã được sử dụng. Hãy yêu cầu một liên kết mới.',
    );
    expect(payerErrorMessage(en, refused('top_up_link_expired'), 'link.notStarted')).toBe(
      'This top-up link has expired. Ask for a new one.',
    );
    expect(payerErrorMessage(en, refused('top_up_link_amount', 'amount'), 'link.notStarted')).toBe(
      'This link is for a fixed amount. Go back and pay that amount.',
    );
    // A conflict the page does not know the reason of still reads as the link being closed.
    expect(payerErrorMessage(en, { code: 'conflict', field: 'topUpLinkToken' }, 'link.notStarted')).toBe(
      'This top-up link can no longer be paid. Ask for a new one.',
    );
  });

  it("words an amount too small to invoice in coin by its reason, not as the link's fixed amount", () => {
    // The refusal names the amount, but what the payer can change is the coin.
    const tooSmall = {
      code: 'validation',
      field: 'amount',
      reason: { key: 'coin_amount_too_small', values: { amount: 50, currency: 'USD', asset: 'BTC' } },
    };
    expect(payerErrorMessage(pageText('en'), tooSmall, 'link.notStarted')).toBe(
      'This amount is too small to pay in the chosen coin. Go back and choose another coin or payment method.',
    );
    expect(payerErrorMessage(pageText('vi'), tooSmall, 'link.notStarted')).toBe(
      'Số tiền này quá nhỏ để thanh toán bằng loại tiền điện tử đã chọn. Hãy quay lại và chọn loại tiền điện tử hoặc phương thức thanh toán khác.',
    );
  });
});

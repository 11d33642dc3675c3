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
});

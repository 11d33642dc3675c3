import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { IpcError, errorMessage, fieldError, isFieldError, unwrap } from './ipc';

describe('unwrap', () => {
  it('returns the value or throws the error with its code and field', () => {
    expect(unwrap({ ok: true, value: 3 })).toBe(3);
    try {
      unwrap({
        ok: false,
        error: { code: 'validation', message: 'url: must be an http(s) URL', field: 'url' },
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(IpcError);
      expect((error as IpcError).code).toBe('validation');
      expect((error as IpcError).field).toBe('url');
    }
  });
});

describe('fieldError', () => {
  const error = new IpcError({ code: 'validation', message: 'url: must be an http(s) URL', field: 'url' });
  it('shows a field its own error, without the field name in front', () => {
    expect(fieldError(error, 'url')).toBe('Must be an http(s) URL');
    expect(fieldError(error, 'email')).toBeUndefined();
    expect(isFieldError(error, ['url', 'email'])).toBe(true);
    expect(isFieldError(new IpcError({ code: 'unauthorized', message: 'wrong password' }), ['url'])).toBe(
      false,
    );
  });
});

describe('errorMessage', () => {
  it('says a dropped connection in words', () => {
    expect(errorMessage(new IpcError({ code: 'disconnected', message: 'x' }))).toMatch(/not answering/);
    expect(errorMessage(new IpcError({ code: 'forbidden', message: 'this account can read' }))).toBe(
      'This account can read',
    );
  });

  it('says a known code in Vietnamese instead of the English message, and keeps an unknown one', async () => {
    await i18n.changeLanguage('vi');
    try {
      expect(errorMessage(new IpcError({ code: 'signed_out', message: 'sign in first' }))).toBe(
        'Hãy đăng nhập trước.',
      );
      expect(errorMessage(new IpcError({ code: 'offline', message: 'connect ECONNREFUSED' }))).toBe(
        'Không kết nối được tới máy chủ. Hãy kiểm tra kết nối rồi thử lại.',
      );
      expect(errorMessage(new IpcError({ code: 'movement_limit', message: 'above 500.00 USD' }))).toBe(
        'Above 500.00 USD',
      );
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});

describe('errorMessage: a gateway that did not answer', () => {
  // Verifying a payment against a chain that is down changes nothing: no payment was marked failed.
  const unanswered = new IpcError({
    code: 'gateway_unavailable',
    message:
      'the chain could not be reached to check this transaction; nothing was changed, try again in a few minutes',
    field: 'txHash',
  });

  it('says in Vietnamese that nothing was charged, never that the payment was marked failed', async () => {
    await i18n.changeLanguage('vi');
    try {
      expect(errorMessage(unanswered)).toBe(
        'Nhà cung cấp thanh toán không phản hồi hoặc hiện không khả dụng. Chưa có khoản tiền nào bị trừ: hãy thử lại sau vài phút.',
      );
    } finally {
      await i18n.changeLanguage('en');
    }
    expect(i18n.t('common:errorCode.gateway_unavailable')).toBe(
      'The payment provider did not answer or is not available right now. Nothing was charged: try again in a few minutes.',
    );
  });
});

describe('errorMessage: a refusal the server explained as data', () => {
  const short = new IpcError({
    code: 'insufficient_funds',
    message: 'available balance is 12.00 EUR, 15.00 EUR needed',
    field: 'amount',
    reason: { key: 'insufficient_funds', values: { available: 1_200, needed: 1_500, currency: 'EUR' } },
  });

  it('reads in the console language, its amounts formatted for their currency', async () => {
    expect(errorMessage(short)).toBe('The available balance is €12.00; €15.00 is needed.');
    // Beside its field too.
    expect(fieldError(short, 'amount')).toBe('The available balance is €12.00; €15.00 is needed.');
    await i18n.changeLanguage('vi');
    try {
      expect(errorMessage(short)).toBe('Số dư khả dụng là 12,00\u00a0€; cần 15,00\u00a0€.');
      const provisioning = new IpcError({
        code: 'conflict',
        message: 'order ORD-1 is still being provisioned; renew this subscription once it is provisioned',
        reason: { key: 'order_provisioning', values: { order: 'ORD-20301201-ABC123' } },
      });
      expect(errorMessage(provisioning)).toBe(
        'Đơn hàng ORD-20301201-ABC123 vẫn đang được cung cấp: hãy gia hạn khi việc đó hoàn tất.',
      );
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it("an order's refusals beside its currency field: a closed wallet, a currency it is not sold in, no wallet", async () => {
    const closed = new IpcError({
      code: 'wallet_closed',
      message: "this customer's EUR wallet is closed",
      field: 'currency',
      reason: { key: 'wallet_closed', values: { currency: 'EUR' } },
    });
    const notSold = new IpcError({
      code: 'validation',
      message: 'this product is sold in USD, not VND',
      field: 'currency',
      reason: { key: 'not_sold_in_currency', values: { currency: 'VND' } },
    });
    const none = new IpcError({
      code: 'validation',
      message: 'this customer has no JPY wallet to pay from',
      field: 'currency',
      reason: { key: 'no_wallet_in_currency', values: { currency: 'JPY' } },
    });
    expect(fieldError(closed, 'currency')).toBe("The customer's EUR wallet is closed.");
    expect(fieldError(notSold, 'currency')).toBe('This product is not sold in VND.');
    await i18n.changeLanguage('vi');
    try {
      expect(fieldError(closed, 'currency')).toBe('Ví EUR của khách hàng đã đóng.');
      expect(fieldError(notSold, 'currency')).toBe('Sản phẩm này không được bán bằng VND.');
      expect(fieldError(none, 'currency')).toBe('Khách hàng không có ví JPY đang mở để thanh toán.');
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('an invoice that is processing takes no other payment, in either language', async () => {
    const processing = new IpcError({
      code: 'invoice_processing',
      message:
        'invoice INV-2030-000007 is processing: payment pay_1 is being confirmed by its provider, so it takes no other payment until that one ends',
      field: 'status',
      reason: { key: 'invoice_processing', values: { invoice: 'INV-2030-000007', payment: 'pay_1' } },
    });
    expect(errorMessage(processing)).toBe(
      'Invoice INV-2030-000007 is processing: a payment of it is being confirmed. It takes no other payment until that one ends.',
    );
    // Without its particulars (an older desktop's queued refusal), the code alone still reads.
    const bare = new IpcError({ code: 'invoice_processing', message: 'invoice is processing' });
    await i18n.changeLanguage('vi');
    try {
      expect(errorMessage(processing)).toBe(
        'Hóa đơn INV-2030-000007 đang được xử lý: một khoản thanh toán cho hóa đơn này đang chờ xác nhận. Hóa đơn không nhận khoản thanh toán nào khác cho đến khi khoản đó kết thúc.',
      );
      expect(errorMessage(bare)).toBe(
        'Hóa đơn này đang được xử lý: một khoản thanh toán cho hóa đơn này đang chờ xác nhận. Hóa đơn không nhận khoản thanh toán nào khác cho đến khi khoản đó kết thúc.',
      );
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('keeps the English message for a reason it does not know, or values that are not that reason’s', () => {
    const unknown = new IpcError({
      code: 'conflict',
      message: 'something new',
      reason: { key: 'from_a_newer_server', values: {} },
    });
    expect(errorMessage(unknown)).toBe('Something new');
    const garbled = new IpcError({
      code: 'insufficient_funds',
      message: 'available balance is 0.00 XYZ',
      reason: { key: 'insufficient_funds', values: { available: '0', needed: 1.5, currency: 'XYZ' } },
    });
    expect(errorMessage(garbled)).toBe('Available balance is 0.00 XYZ');
  });
});

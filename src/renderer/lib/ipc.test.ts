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

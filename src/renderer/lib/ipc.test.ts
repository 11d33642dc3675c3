import { describe, expect, it } from 'vitest';
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
});

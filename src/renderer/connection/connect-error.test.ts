import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { IpcError } from '../lib/ipc';
import { connectError, connectFieldError } from './connect-error';

describe('what the Connect form says when the API refuses it', () => {
  afterEach(() => i18n.changeLanguage('en'));

  const refused = new IpcError({ code: 'unauthorized', message: 'wrong email or password' });
  const badUrl = new IpcError({ code: 'validation', message: 'url: must be an http(s) URL', field: 'url' });

  it('says the email and password (or the API key) were wrong, not that a session ended', async () => {
    expect(connectError(refused, 'password')).toBe('Wrong email or password.');
    expect(connectError(refused, 'api_key')).toBe('This API key is not accepted.');
    await i18n.changeLanguage('vi');
    expect(connectError(refused, 'password')).toBe('Sai email hoặc mật khẩu.');
    expect(connectError(refused, 'api_key')).toBe('Khóa API này không được chấp nhận.');
  });

  it("words a malformed API URL in the console's language, beside the field", async () => {
    expect(connectFieldError(badUrl, 'url')).toBe('Enter an address that starts with http:// or https://.');
    expect(connectFieldError(badUrl, 'email')).toBeUndefined();
    await i18n.changeLanguage('vi');
    expect(connectFieldError(badUrl, 'url')).toBe('Hãy nhập địa chỉ bắt đầu bằng http:// hoặc https://.');
  });

  it('leaves every other refusal to the common wording', async () => {
    await i18n.changeLanguage('vi');
    const offline = new IpcError({ code: 'offline', message: 'connect ECONNREFUSED' });
    expect(connectError(offline, 'password')).toBe(
      'Không kết nối được tới máy chủ. Hãy kiểm tra kết nối rồi thử lại.',
    );
  });
});

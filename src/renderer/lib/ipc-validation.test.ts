import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../main/ipc/handle';
import { i18n } from '../i18n';
import { fieldError, IpcError } from './ipc';

/**
 * What a form shows beside a field when main's own check of the IPC input refused it: the answer
 * comes from the real dispatcher and contract (no handler is reached), as the renderer receives it.
 */
const dispatch = createDispatcher<null>(
  new Proxy({} as Handlers, {
    get: (_target, channel: string) => () => Promise.reject(new Error(`reached ${channel}`)),
  }),
  () => true,
);

async function refusal(channel: string, input: unknown): Promise<IpcError> {
  const result = await dispatch(null, channel, input);
  if (result.ok) throw new Error(`${channel} took ${JSON.stringify(input)}`);
  return new IpcError(result.error);
}

const customer = { name: 'Công ty An Phát', email: 'ke-toan@anphat.vn' };

describe("main's refusal of a form's field, beside that field", () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('reads in Vietnamese for a Vietnamese user: too long, empty, not an email', async () => {
    await i18n.changeLanguage('vi');
    const tooLong = await refusal('customers:create', { ...customer, externalRef: 'x'.repeat(101) });
    expect(fieldError(tooLong, 'externalRef')).toBe('Dài quá 100 ký tự.');
    const empty = await refusal('tickets:open', { subject: '   ', message: 'Nạp tiền chưa vào ví' });
    expect(fieldError(empty, 'subject')).toBe('Không được để trống.');
    const notEmail = await refusal('payers:create', { customerId: 'cus_1', name: 'An', email: 'an@' });
    expect(fieldError(notEmail, 'email')).toBe('Không phải là địa chỉ email.');
  });

  it('reads in English for an English user, and keeps the English message for logs and callers', async () => {
    const tooLong = await refusal('customers:create', { ...customer, externalRef: 'x'.repeat(101) });
    expect(fieldError(tooLong, 'externalRef')).toBe('Longer than 100 characters.');
    expect(tooLong.message).toMatch(/^externalRef: /);
  });
});

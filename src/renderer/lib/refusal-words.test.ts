import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { refusalWords } from './refusal-words';

describe('refusalWords', () => {
  it('words a wallet on hold, naming its currency, in English and Vietnamese', async () => {
    const reason = { key: 'wallet_on_hold', values: { currency: 'USD' } };
    await i18n.changeLanguage('en');
    expect(refusalWords(reason)).toBe(
      'The USD wallet is on hold: a reversed payment left it owing money, and it takes no new spending until that is settled.',
    );
    await i18n.changeLanguage('vi');
    expect(refusalWords(reason)).toMatch(/^Ví USD đang bị tạm giữ/);
    await i18n.changeLanguage('en');
    // Without the currency it carries, the server's English shows instead.
    expect(refusalWords({ key: 'wallet_on_hold', values: {} })).toBeNull();
  });

  it('words closing a wallet on hold as a close refused, not as spending refused', async () => {
    const reason = { key: 'wallet_on_hold_close', values: { currency: 'USD' } };
    await i18n.changeLanguage('en');
    expect(refusalWords(reason)).toBe(
      'The USD wallet is on hold: a reversed payment left it owing money, and it cannot be closed until that is settled.',
    );
    await i18n.changeLanguage('vi');
    expect(refusalWords(reason)).toBe(
      'Ví USD đang bị tạm giữ: một khoản thanh toán bị hoàn khiến ví còn nợ, và ví không thể đóng cho đến khi khoản nợ được thanh toán.',
    );
    await i18n.changeLanguage('en');
    expect(refusalWords({ key: 'wallet_on_hold_close', values: {} })).toBeNull();
  });
});

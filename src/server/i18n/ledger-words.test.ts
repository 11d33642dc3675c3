import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WORDING_SENTENCES } from '../../shared/api/ledger-wording.js';
import { PROVISIONING_TIMEOUT_REASON } from '../../shared/api/orders.js';
import { DEFAULT_METHOD_WORDS } from '../../shared/api/payment-method-defaults.js';
import { ledgerWords } from './ledger-words.js';
import { CATALOGS, textIn } from './text.js';

/** The console's wording sentences, with i18next's {{name}} written as the server's {name}. */
function consoleSentences(lang: 'en' | 'vi'): Record<string, string | undefined> {
  const url = new URL(`../../renderer/i18n/${lang}/wallet.json`, import.meta.url);
  const catalog = JSON.parse(readFileSync(url, 'utf8')) as Record<string, string>;
  return Object.fromEntries(
    WORDING_SENTENCES.map((s) => [s, catalog[`wording.${s}`]?.replace(/\{\{(\w+)\}\}/g, '{$1}')]),
  );
}

describe('ledger rows the server wrote itself, worded by the server', () => {
  it.each(['en', 'vi'] as const)('say in %s exactly what the console says of the same rows', (lang) => {
    const server = Object.fromEntries(
      WORDING_SENTENCES.map((s) => [s, CATALOGS[lang][`ledger.wording.${s}`]]),
    );
    expect(server).toEqual(consoleSentences(lang));
  });

  it('write a renewal’s days as the language writes a day, and a typed reason as typed', () => {
    const renewal = {
      kind: 'renewal',
      quantity: 2,
      product: 'Proxy dân cư',
      from: '2030-03-01',
      to: '2030-03-31',
    } as const;
    expect(ledgerWords(textIn('vi'), renewal)).toBe(
      'Gia hạn: 2 × Proxy dân cư, từ 01/03/2030 đến 31/03/2030',
    );
    expect(ledgerWords(textIn('en'), renewal)).toBe('Renewal: 2 × Proxy dân cư, 2030-03-01 to 2030-03-31');
    expect(ledgerWords(textIn('vi'), { kind: 'payout', reason: 'Close account' })).toBe(
      'Chi trả: Close account',
    );
    // The server's own reason for an order it failed, in the language; the English as it always read.
    const timedOut = { kind: 'order_failed', order: 'ORD-1', reason: PROVISIONING_TIMEOUT_REASON } as const;
    expect(ledgerWords(textIn('vi'), timedOut)).toBe(
      'Hoàn tiền: đơn hàng ORD-1 thất bại (không được cung cấp kịp thời hạn)',
    );
    expect(ledgerWords(textIn('en'), timedOut)).toBe('Refund: order ORD-1 failed (provisioning timed out)');
  });

  it.each(['en', 'vi'] as const)('name a method by its starting label as the console does in %s', (lang) => {
    const url = new URL(`../../renderer/i18n/${lang}/top-up.json`, import.meta.url);
    const catalog = JSON.parse(readFileSync(url, 'utf8')) as Record<string, string>;
    for (const provider of Object.keys(DEFAULT_METHOD_WORDS)) {
      expect(CATALOGS[lang][`ledger.method.${provider}` as keyof (typeof CATALOGS)['en']]).toBe(
        catalog[`methodDefault.${provider}.label`],
      );
    }
  });

  it('word a top-up’s starting method label in the language, a reseller’s own label as typed', () => {
    const sandbox = { kind: 'top_up', method: 'Sandbox test card', test: true } as const;
    expect(ledgerWords(textIn('vi'), sandbox)).toBe(
      'Nạp tiền thử nghiệm qua Thẻ thử nghiệm sandbox — không có tiền thật',
    );
    expect(ledgerWords(textIn('en'), sandbox)).toBe('Test top-up via Sandbox test card — no real money');
    expect(
      ledgerWords(textIn('vi'), { kind: 'top_up', method: 'Crypto (BTC, ETH, USDT)', test: false }),
    ).toBe('Nạp tiền qua Tiền mã hóa (BTC, ETH, USDT)');
    expect(ledgerWords(textIn('vi'), { kind: 'top_up', method: 'Thẻ của MayXanh', test: false })).toBe(
      'Nạp tiền qua Thẻ của MayXanh',
    );
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WORDING_SENTENCES } from '../../shared/api/ledger-wording.js';
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
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CATALOGS = fileURLToPath(new URL('../../src/renderer/i18n/', import.meta.url));

type Catalog = Record<string, string>;
function load(language: 'en' | 'vi'): Record<string, Catalog> {
  const dir = join(CATALOGS, language);
  return Object.fromEntries(
    readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, file), 'utf8'))]),
  );
}

/**
 * A support ticket has one name in Vietnamese, the one the Tickets screen is labelled with:
 * "yêu cầu hỗ trợ". Bare "yêu cầu" also means a request ("Yêu cầu xuất hóa đơn") or "required",
 * so a sentence about a ticket never shortens it; "phiếu hỗ trợ" was a third name for the same thing.
 */
describe('the Vietnamese name of a support ticket', () => {
  const en = load('en');
  const vi = load('vi');

  it('is "yêu cầu hỗ trợ" wherever the English says ticket, never bare "yêu cầu"', () => {
    const problems: string[] = [];
    let seen = 0;
    for (const [namespace, catalog] of Object.entries(en)) {
      for (const [key, english] of Object.entries(catalog)) {
        if (!/\btickets?\b/i.test(english)) continue;
        seen++;
        const value = vi[namespace]?.[key] ?? '';
        const bare = [...value.matchAll(/yêu cầu(?! hỗ trợ)/gi)].length;
        if (!/yêu cầu hỗ trợ/i.test(value) || bare > 0)
          problems.push(`${namespace}:${key} ${JSON.stringify(value)}`);
      }
    }
    expect(problems).toEqual([]);
    // The Tickets screen, its navigation, the outbox, search and orders all name tickets.
    expect(seen).toBeGreaterThanOrEqual(20);
  });

  it('is never "phiếu hỗ trợ"', () => {
    const found = Object.entries(vi).flatMap(([namespace, catalog]) =>
      Object.entries(catalog)
        .filter(([, value]) => /phiếu hỗ trợ/i.test(value))
        .map(([key]) => `${namespace}:${key}`),
    );
    expect(found).toEqual([]);
  });
});

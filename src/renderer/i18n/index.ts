/**
 * The console's translations (i18next + react-i18next), bundled: no file is fetched at run time.
 *
 * Layout: one namespace per screen folder of src/renderer, one JSON file per language:
 *   src/renderer/i18n/en/<folder>.json   English (the default, and the fallback)
 *   src/renderer/i18n/vi/<folder>.json   Vietnamese
 * e.g. src/renderer/customers/* use `useTranslation('customers')`; shared strings (Cancel, Save,
 * Loading…) live in `common`, shared components in `components`. A new screen adds its two files
 * and nothing here. Keys are flat (`keySeparator: false`): `title`, `txType.credit`; plurals use
 * i18next's `_one` / `_other` suffixes (Vietnamese has only `_other`).
 * test/lint/translations.test.ts fails when a key is missing in either language or when JSX text or a
 * user-visible prop in src/renderer is not going through t().
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/ipc-contract';

export const LANGUAGES: readonly Language[] = ['en', 'vi'];
export const DEFAULT_LANGUAGE: Language = 'en';

/** The locale numbers, amounts and dates are formatted in, per language. */
const LOCALES: Record<Language, string> = { en: 'en-US', vi: 'vi-VN' };

type Catalog = Record<string, string>;
const files = import.meta.glob<Catalog>('./*/*.json', { eager: true, import: 'default' });

function bundledResources(): Record<string, Record<string, Catalog>> {
  const resources: Record<string, Record<string, Catalog>> = {};
  for (const [path, catalog] of Object.entries(files)) {
    const match = /^\.\/(\w+)\/([\w-]+)\.json$/.exec(path);
    if (!match) continue;
    const [, language, namespace] = match as unknown as [string, string, string];
    (resources[language] ??= {})[namespace] = catalog;
  }
  return resources;
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: bundledResources(),
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  defaultNS: 'common',
  ns: Object.keys(bundledResources()[DEFAULT_LANGUAGE] ?? {}),
  keySeparator: false,
  nsSeparator: ':',
  // React escapes what it renders; escaping here too would show "&amp;" in names.
  interpolation: { escapeValue: false },
  initAsync: false,
});

export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'vi';
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/**
 * The locale for Intl: Vietnamese shows vi-VN (VND "1.234.567 ₫", dates "4 thg 3, 2025"); English keeps
 * the system's English variant (en-GB dates for someone in London), else en-US.
 */
export function localeFor(language: Language): string {
  if (language === 'en' && typeof navigator !== 'undefined' && navigator.language?.startsWith('en')) {
    return navigator.language;
  }
  return LOCALES[language];
}

/** Switches the whole console; `<html lang>` follows so screen readers pronounce it right. */
export async function applyLanguage(language: Language): Promise<void> {
  if (i18n.language !== language) await i18n.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/**
 * A label map (`status → "Paid"`) read in the current language on every access, so a language
 * switch needs no reload; callers index it like a plain record. Values live in
 * `<namespace>:<prefix>.<key>` of the catalogs.
 */
export function translatedLabels<K extends string>(
  namespace: string,
  prefix: string,
  keys: readonly K[],
): Readonly<Record<K, string>> {
  const labels = {} as Record<K, string>;
  for (const key of keys) {
    Object.defineProperty(labels, key, {
      enumerable: true,
      get: () => i18n.t(`${namespace}:${prefix}.${key}`),
    });
  }
  return labels;
}

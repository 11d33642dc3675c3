import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES } from '../i18n';
import { useChooseLanguage } from './language';

/** The console remounts on a language switch (LanguageRoot): the switch takes focus back after it. */
let refocus = false;

/** A native select: keyboard (arrows, type-ahead) and screen readers work as everywhere else. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation('common');
  const choose = useChooseLanguage();
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (refocus) select.current?.focus();
    refocus = false;
  }, []);
  return (
    <select
      ref={select}
      className="select language-switch"
      aria-label={t('language')}
      title={t('language')}
      value={i18n.language}
      onChange={(event) => {
        if (!isLanguage(event.target.value)) return;
        refocus = true;
        choose.mutate(event.target.value);
      }}
    >
      {LANGUAGES.map((language) => (
        <option key={language} value={language} lang={language}>
          {t(`languageName.${language}`)}
        </option>
      ))}
    </select>
  );
}

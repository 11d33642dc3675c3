import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES } from '../i18n';
import { useChooseLanguage } from './language';
import { languageFocus } from './language-focus';

/** A native select: keyboard (arrows, type-ahead) and screen readers work as everywhere else. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation('common');
  const choose = useChooseLanguage();
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (!languageFocus.remounting()) return;
    // The console remounts on a language switch (LanguageRoot): the switch takes focus back once
    // every effect of that remount has run, the page's included.
    const frame = requestAnimationFrame(() => {
      select.current?.focus();
      languageFocus.end();
    });
    return () => cancelAnimationFrame(frame);
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
        languageFocus.begin();
        // Should the switch fail, no remount ends the wait: page titles take focus again.
        choose.mutate(event.target.value, { onError: () => languageFocus.end() });
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

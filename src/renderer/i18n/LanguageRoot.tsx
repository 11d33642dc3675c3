import { Fragment, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { i18n } from '.';

/**
 * Remounts the console when the language changes, so every string and every amount or date that
 * went through Intl (lib/format) is redrawn in the new language; the query cache outlives it.
 */
export function LanguageRoot({ children }: { children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <Keyed>{children}</Keyed>
    </I18nextProvider>
  );
}

function Keyed({ children }: { children: ReactNode }) {
  const { i18n: instance } = useTranslation();
  return <Fragment key={instance.language}>{children}</Fragment>;
}

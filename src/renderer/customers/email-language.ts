import type { Language } from '../../shared/ipc-contract';
import { translatedLabels } from '../i18n';

/** The languages a customer's emails can be written in, each named in the console's language. */
export const EMAIL_LANGUAGES: readonly Language[] = ['en', 'vi'];
export const EMAIL_LANGUAGE_LABELS = translatedLabels<Language>(
  'customers',
  'emailLanguage',
  EMAIL_LANGUAGES,
);

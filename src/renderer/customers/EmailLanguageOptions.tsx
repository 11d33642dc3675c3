import { useTranslation } from 'react-i18next';
import { EMAIL_LANGUAGE_LABELS, EMAIL_LANGUAGES } from './email-language';

/**
 * The choices of a customer's email language: none (the customer's own login decides, English until
 * then), or one the admin fixes. For a <select>; '' stands for none.
 */
export function EmailLanguageOptions() {
  const { t } = useTranslation('customers');
  return (
    <>
      <option value="">{t('emailLanguageNotChosen')}</option>
      {EMAIL_LANGUAGES.map((language) => (
        <option key={language} value={language}>
          {EMAIL_LANGUAGE_LABELS[language]}
        </option>
      ))}
    </>
  );
}

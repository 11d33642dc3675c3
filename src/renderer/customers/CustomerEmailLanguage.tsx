import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerView, Language } from '../../shared/ipc-contract';
import { FormMessage, SelectField } from '../components/Field';
import { errorMessage, fieldError } from '../lib/ipc';
import { EMAIL_LANGUAGE_LABELS } from './email-language';
import { EmailLanguageOptions } from './EmailLanguageOptions';
import { useSetCustomerLanguage } from './mutations';

/**
 * Which language the customer's receipts, renewal notices and alerts are written in, and who chose
 * it; an admin changes it here (online: the server writes the emails, so it is the server's to keep).
 */
export function CustomerEmailLanguage({
  customer,
  canChange,
}: {
  customer: CustomerView;
  canChange: boolean;
}) {
  const { t } = useTranslation('customers');
  const save = useSetCustomerLanguage();
  const [choice, setChoice] = useState<Language | ''>(
    customer.languageSetBy === 'admin' ? (customer.language ?? '') : '',
  );
  const language = customer.language ? EMAIL_LANGUAGE_LABELS[customer.language] : null;
  const said =
    language === null
      ? t('emailsInDefault')
      : customer.languageSetBy === 'user'
        ? t('emailsInCustomersChoice', { language })
        : t('emailsInAdminsChoice', { language });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ customerId: customer.id, language: choice === '' ? null : choice });
  };

  return (
    <section className="section" aria-labelledby="customer-emails-title">
      <h2 id="customer-emails-title" className="section-title">
        {t('emailsTitle')}
      </h2>
      <p data-testid="customer-email-language">{said}</p>
      {canChange && (
        <form className="inline-form" onSubmit={submit}>
          <SelectField
            label={t('emailLanguageLabel')}
            inline
            value={choice}
            onChange={(event) => setChoice(event.target.value as Language | '')}
            error={fieldError(save.error, 'language')}
          >
            <EmailLanguageOptions />
          </SelectField>
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? t('savingLanguage') : t('saveLanguage')}
          </button>
          {save.isError && !fieldError(save.error, 'language') && (
            <FormMessage tone="error">
              {t('couldNotSaveLanguage', { value: errorMessage(save.error) })}
            </FormMessage>
          )}
        </form>
      )}
    </section>
  );
}

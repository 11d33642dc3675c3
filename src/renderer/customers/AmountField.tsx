import type { Currency } from '../../shared/money';
import { TextField } from '../components/Field';
import { checkAmount } from '../lib/amount-input';
import { formatAmount } from '../lib/format';
import { useTranslation } from 'react-i18next';

/**
 * An amount typed as text and parsed exactly (parseAmount) for the wallet's currency. Mistakes
 * show as they are typed; an empty field only complains once the form was submitted.
 */
export function AmountField({
  label,
  currency,
  mode,
  value,
  onChange,
  submitted,
  serverError,
  inline,
}: {
  label: string;
  currency: Currency;
  mode: 'positive' | 'signed';
  value: string;
  onChange: (value: string) => void;
  submitted: boolean;
  serverError?: string | undefined;
  /** Label, box and hint in one row, as high as a select beside it (an inline form). */
  inline?: boolean;
}) {
  const { t } = useTranslation('customers');
  const check = checkAmount(value, currency, mode);
  const showError = !check.ok && (submitted || value.trim() !== '');
  const hint = check.ok
    ? `= ${formatAmount(check.value, currency, { signed: mode === 'signed' })}`
    : mode === 'signed'
      ? t('amountHint.signed', { currency })
      : t('amountHint.positive', { currency });
  return (
    <TextField
      label={label}
      inline={inline}
      inputMode={mode === 'signed' ? 'text' : 'decimal'}
      autoComplete="off"
      spellCheck={false}
      className="input input-amount"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={showError && !check.ok ? check.message : serverError}
      hint={hint}
    />
  );
}

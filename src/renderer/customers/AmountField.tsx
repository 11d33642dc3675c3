import type { Currency } from '../../shared/money';
import { TextField } from '../components/Field';
import { checkAmount } from '../lib/amount-input';
import { formatAmount } from '../lib/format';

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
}: {
  label: string;
  currency: Currency;
  mode: 'positive' | 'signed';
  value: string;
  onChange: (value: string) => void;
  submitted: boolean;
  serverError?: string | undefined;
}) {
  const check = checkAmount(value, currency, mode);
  const showError = !check.ok && (submitted || value.trim() !== '');
  const hint = check.ok
    ? `= ${formatAmount(check.value, currency, { signed: mode === 'signed' })}`
    : mode === 'signed'
      ? `In ${currency}. A minus sign takes money out, e.g. -25.`
      : `In ${currency}.`;
  return (
    <TextField
      label={label}
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

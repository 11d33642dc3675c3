import { useId } from 'react';
import { Badge } from '../components/Badge';
import { feeLabel, type MethodChoice } from './method-choices';
import { useTranslation } from 'react-i18next';

/** The methods as one radio group: saved ones first (with the default marked), then gateways. */
export function MethodList({
  choices,
  value,
  onChange,
  error,
}: {
  choices: readonly MethodChoice[];
  value: string | null;
  onChange: (key: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation('top-up');

  const name = useId();
  const errorId = `${name}-error`;
  if (choices.length === 0) {
    return (
      <p className="form-message form-message-error" role="alert">
        {t('noPaymentMethodIs')}
      </p>
    );
  }
  return (
    <fieldset
      className={error ? 'method-list field-invalid' : 'method-list'}
      aria-describedby={error ? errorId : undefined}
    >
      <legend>{t('paymentMethod')}</legend>
      {choices.map((choice) => (
        <label key={choice.key} className="method">
          <input
            type="radio"
            name={name}
            value={choice.key}
            checked={value === choice.key}
            onChange={() => onChange(choice.key)}
          />
          <span className="method-text">
            <span className="method-label">{choice.label}</span>
            <span className="method-detail">
              {choice.kind === 'saved'
                ? t('savedChargedAtOnce')
                : choice.kind === 'invoice'
                  ? t('noFeePayBy')
                  : `${feeLabel(choice.feeBasisPoints)} · ${choice.processingTime}`}
            </span>
          </span>
          {choice.kind === 'saved' && choice.isDefault && <Badge tone="info">{t('default')}</Badge>}
          {choice.provider === 'sandbox' && <Badge tone="warning">{t('testMode')}</Badge>}
        </label>
      ))}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

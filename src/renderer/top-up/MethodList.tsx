import { useId } from 'react';
import { Badge } from '../components/Badge';
import { feeLabel, type MethodChoice } from './method-choices';

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
  const name = useId();
  const errorId = `${name}-error`;
  if (choices.length === 0) {
    return (
      <p className="form-message form-message-error" role="alert">
        No payment method is available for this wallet. Ask your reseller to enable one.
      </p>
    );
  }
  return (
    <fieldset
      className={error ? 'method-list field-invalid' : 'method-list'}
      aria-describedby={error ? errorId : undefined}
    >
      <legend>Payment method</legend>
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
                ? 'Saved · charged at once, no redirect'
                : choice.kind === 'invoice'
                  ? 'No fee · pay by bank transfer; credited when the reseller receives it'
                  : `${feeLabel(choice.feeBasisPoints)} · ${choice.processingTime}`}
            </span>
          </span>
          {choice.kind === 'saved' && choice.isDefault && <Badge tone="info">Default</Badge>}
          {choice.provider === 'sandbox' && <Badge tone="warning">Test mode</Badge>}
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

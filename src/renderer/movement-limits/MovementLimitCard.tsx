import { useState, type FormEvent } from 'react';
import type { MovementLimitView } from '../../shared/api/movement-limits';
import { FormMessage, TextField } from '../components/Field';
import { amountText, checkAmount } from '../lib/amount-input';
import { formatAmount } from '../lib/format';
import { errorMessage, fieldError } from '../lib/ipc';
import { useFocusFieldError } from '../lib/use-focus-field-error';
import { useUpdateMovementLimits } from './queries';
import { useTranslation } from 'react-i18next';

/** One currency's confirmation amount and maximum per staff movement, typed in that currency. */
export function MovementLimitCard({ limit, editable }: { limit: MovementLimitView; editable: boolean }) {
  const { t } = useTranslation('movement-limits');

  const { currency } = limit;
  const [confirmAbove, setConfirmAbove] = useState(() => amountText(limit.confirmAbove, currency));
  const [maximum, setMaximum] = useState(() => amountText(limit.maxPerMovement, currency));
  const [submitted, setSubmitted] = useState(false);
  const update = useUpdateMovementLimits();
  const [refusals, setRefusals] = useState(0);
  const formRef = useFocusFieldError(update.error, refusals);
  const confirmCheck = checkAmount(confirmAbove, currency, 'positive');
  const maxCheck = checkAmount(maximum, currency, 'positive');
  const order =
    confirmCheck.ok && maxCheck.ok && confirmCheck.value > maxCheck.value
      ? t('error.confirmAboveMax')
      : undefined;
  const local = (check: typeof confirmCheck, typed: string) =>
    !check.ok && (submitted || typed.trim() !== '') ? check.message : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!confirmCheck.ok || !maxCheck.ok || order) {
      setRefusals((count) => count + 1);
      return;
    }
    update.mutate(
      { items: [{ currency, confirmAbove: confirmCheck.value, maxPerMovement: maxCheck.value }] },
      {
        onSuccess: (saved) => {
          const mine = saved.items.find((l) => l.currency === currency);
          if (!mine) return;
          setConfirmAbove(amountText(mine.confirmAbove, currency));
          setMaximum(amountText(mine.maxPerMovement, currency));
        },
      },
    );
  };

  const titleId = `movement-limits-${currency}-title`;
  return (
    <form ref={formRef} className="card settings-card" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <div className="card-header">
        <h3 id={titleId} className="section-title">
          {currency}
        </h3>
        {!limit.custom && <span className="muted">{t('defaults')}</span>}
      </div>
      <div className="settings-limits">
        <TextField
          label={t('askForConfirmationAbove', { currency })}
          inputMode="decimal"
          autoComplete="off"
          className="input input-amount"
          value={confirmAbove}
          readOnly={!editable}
          onChange={(event) => setConfirmAbove(event.target.value)}
          error={
            local(confirmCheck, confirmAbove) ??
            (submitted ? order : undefined) ??
            fieldError(update.error, 'confirmAbove', { currency })
          }
          hint={
            confirmCheck.ok
              ? t('hint.confirmAmount', { amount: formatAmount(confirmCheck.value, currency) })
              : t('hint.confirmCurrency', { currency })
          }
        />
        <TextField
          label={t('maximumPerMovement', { currency })}
          inputMode="decimal"
          autoComplete="off"
          className="input input-amount"
          value={maximum}
          readOnly={!editable}
          onChange={(event) => setMaximum(event.target.value)}
          error={local(maxCheck, maximum) ?? fieldError(update.error, 'maxPerMovement', { currency })}
          hint={
            maxCheck.ok
              ? t('hint.maxAmount', { amount: formatAmount(maxCheck.value, currency) })
              : t('hint.maxCurrency', { currency })
          }
        />
      </div>
      {update.isError &&
        !fieldError(update.error, 'confirmAbove') &&
        !fieldError(update.error, 'maxPerMovement') && (
          <FormMessage tone="error">{errorMessage(update.error)}</FormMessage>
        )}
      {update.isSuccess && <FormMessage tone="success">{t('movementLimitsSaved', { currency })}</FormMessage>}
      {editable && (
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={update.isPending}>
            {update.isPending ? t('saving') : t('saveMovementLimits', { currency })}
          </button>
        </div>
      )}
    </form>
  );
}

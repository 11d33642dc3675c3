import { useState, type FormEvent } from 'react';
import type { TopUpLimits } from '../../shared/api/payments';
import { FormMessage, TextField } from '../components/Field';
import { Icon } from '../components/Icon';
import { checkAmount } from '../lib/amount-input';
import { formatAmount } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { useFocusFieldError } from '../lib/use-focus-field-error';
import { errorUnder } from './field-errors';
import { checkLimits, draftOf, MAX_PRESETS, type LimitsDraft } from './limits-draft';
import { useUpdatePaymentSettings } from './mutations';
import { useTranslation } from 'react-i18next';

/** One currency's minimum, maximum and preset amounts, typed in that currency's format. */
export function LimitsCard({
  limits,
  custom,
  editable,
}: {
  limits: TopUpLimits;
  /** False when the currency uses the defaults (nothing stored yet). */
  custom: boolean;
  editable: boolean;
}) {
  const { t } = useTranslation('payment-settings');

  const [draft, setDraft] = useState<LimitsDraft>(() => draftOf(limits));
  const [submitted, setSubmitted] = useState(false);
  const update = useUpdatePaymentSettings();
  // A refused save brings its field into view, with focus on it.
  const [refusals, setRefusals] = useState(0);
  const formRef = useFocusFieldError(update.error, refusals);
  const { currency } = draft;
  const check = checkLimits(draft);
  // This form sends its currency alone, so the API speaks of `limits.0.<field>`.
  const apiError = errorUnder(update.error, 'limits.0.');
  const errorFor = (key: string): string | undefined => {
    const typed =
      key === 'minAmount' || key === 'maxAmount' ? draft[key] : draft.presets[Number(key.split('.')[1])];
    const local = check.ok ? undefined : check.errors[key];
    if (local && (submitted || (typed ?? '').trim() !== '')) return local;
    return apiError?.key === key ? apiError.message : undefined;
  };
  const hintFor = (text: string) => {
    const amount = checkAmount(text, currency, 'positive');
    return amount.ok ? `= ${formatAmount(amount.value, currency)}` : t('amountHint', { currency });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!check.ok) {
      setRefusals((count) => count + 1);
      return;
    }
    update.mutate(
      { limits: [check.value] },
      {
        onSuccess: (saved) => {
          const mine = saved.limits.find((l) => l.currency === currency);
          if (mine) setDraft(draftOf(mine));
        },
      },
    );
  };

  const titleId = `limits-${currency}-title`;
  return (
    <form ref={formRef} className="card settings-card" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <div className="card-header">
        <h3 id={titleId} className="section-title">
          {currency}
        </h3>
        {!custom && <span className="muted">{t('defaults')}</span>}
      </div>
      <div className="settings-limits">
        <TextField
          label={t('minimumTopUp', { currency })}
          inputMode="decimal"
          autoComplete="off"
          className="input input-amount"
          value={draft.minAmount}
          readOnly={!editable}
          onChange={(event) => setDraft({ ...draft, minAmount: event.target.value })}
          error={errorFor('minAmount')}
          hint={hintFor(draft.minAmount)}
        />
        <TextField
          label={t('maximumTopUp', { currency })}
          inputMode="decimal"
          autoComplete="off"
          className="input input-amount"
          value={draft.maxAmount}
          readOnly={!editable}
          onChange={(event) => setDraft({ ...draft, maxAmount: event.target.value })}
          error={errorFor('maxAmount')}
          hint={hintFor(draft.maxAmount)}
        />
      </div>
      <fieldset className="settings-presets">
        <legend>{t('presetAmounts')}</legend>
        {draft.presets.length === 0 && <p className="muted">{t('noPresetsCustomersType')}</p>}
        {draft.presets.map((preset, i) => (
          <div key={i} className="settings-preset">
            <TextField
              label={t('preset', { value: i + 1, currency })}
              inputMode="decimal"
              autoComplete="off"
              className="input input-amount"
              value={preset}
              readOnly={!editable}
              onChange={(event) =>
                setDraft({
                  ...draft,
                  presets: draft.presets.map((p, j) => (j === i ? event.target.value : p)),
                })
              }
              error={errorFor(`presets.${i}`)}
              hint={hintFor(preset)}
            />
            {editable && (
              <button
                type="button"
                className="icon-button icon-button-sm"
                aria-label={t('removePreset', { value: i + 1, currency })}
                onClick={() => setDraft({ ...draft, presets: draft.presets.filter((_, j) => j !== i) })}
              >
                <Icon name="close" size={16} />
              </button>
            )}
          </div>
        ))}
        {(submitted || apiError?.key === 'presets') && errorFor('presets') && (
          <p className="field-error">{errorFor('presets')}</p>
        )}
        {editable && draft.presets.length < MAX_PRESETS && (
          <button
            type="button"
            className="button button-ghost button-sm"
            onClick={() => setDraft({ ...draft, presets: [...draft.presets, ''] })}
          >
            {t('addAPreset', { currency })}
          </button>
        )}
      </fieldset>
      {update.isError && !apiError && <FormMessage tone="error">{errorMessage(update.error)}</FormMessage>}
      {update.isSuccess && <FormMessage tone="success">{t('limitsSaved', { currency })}</FormMessage>}
      {editable && (
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={update.isPending}>
            {update.isPending ? t('saving') : t('saveLimits', { currency })}
          </button>
        </div>
      )}
    </form>
  );
}

import type { TopUpLimits } from '../../shared/api/payments';
import type { Currency } from '../../shared/money';
import { i18n } from '../i18n';
import { amountText, checkAmount } from '../lib/amount-input';
import { formatAmount } from '../lib/format';

/** The API keeps at most this many presets per currency. */
export const MAX_PRESETS = 8;

/** One currency's limits as typed: text in the currency's own format, parsed exactly on save. */
export interface LimitsDraft {
  currency: Currency;
  minAmount: string;
  maxAmount: string;
  presets: string[];
}

export function draftOf(limits: TopUpLimits): LimitsDraft {
  return {
    currency: limits.currency,
    minAmount: amountText(limits.minAmount, limits.currency),
    maxAmount: amountText(limits.maxAmount, limits.currency),
    presets: limits.presets.map((p) => amountText(p, limits.currency)),
  };
}

/**
 * Errors keyed by the field they belong to — `minAmount`, `maxAmount`, `presets.<i>` — the same
 * names the API uses under `limits.<n>.`, so both kinds show beside the same input.
 */
export type LimitsErrors = Partial<Record<string, string>>;

export type LimitsCheck = { ok: true; value: TopUpLimits } | { ok: false; errors: LimitsErrors };

/** A draft checked as the API would check it, with each reason beside its field. */
export function checkLimits(draft: LimitsDraft): LimitsCheck {
  const { currency } = draft;
  const errors: LimitsErrors = {};
  const min = checkAmount(draft.minAmount, currency, 'positive');
  const max = checkAmount(draft.maxAmount, currency, 'positive');
  if (!min.ok) errors.minAmount = min.message;
  if (!max.ok) errors.maxAmount = max.message;
  if (min.ok && max.ok && min.value > max.value)
    errors.minAmount = i18n.t('payment-settings:limits.minAboveMax', {
      max: formatAmount(max.value, currency),
    });
  if (draft.presets.length > MAX_PRESETS)
    errors.presets = i18n.t('payment-settings:limits.tooManyPresets', { max: MAX_PRESETS });
  const presets: number[] = [];
  const seen = new Set<number>();
  draft.presets.forEach((text, i) => {
    const preset = checkAmount(text, currency, 'positive');
    if (!preset.ok) {
      errors[`presets.${i}`] = preset.message;
      return;
    }
    if (seen.has(preset.value)) errors[`presets.${i}`] = i18n.t('payment-settings:limits.duplicatePreset');
    else if (min.ok && preset.value < min.value)
      errors[`presets.${i}`] = i18n.t('payment-settings:limits.belowMin', {
        min: formatAmount(min.value, currency),
      });
    else if (max.ok && preset.value > max.value)
      errors[`presets.${i}`] = i18n.t('payment-settings:limits.aboveMax', {
        max: formatAmount(max.value, currency),
      });
    seen.add(preset.value);
    presets.push(preset.value);
  });
  if (Object.keys(errors).length > 0 || !min.ok || !max.ok) return { ok: false, errors };
  return { ok: true, value: { currency, minAmount: min.value, maxAmount: max.value, presets } };
}

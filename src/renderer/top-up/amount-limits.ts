import type { TopUpLimits } from '../../shared/api/payments';
import type { Currency } from '../../shared/money';
import { checkAmount, type AmountCheck } from '../lib/amount-input';
import { formatAmount } from '../lib/format';
import { i18n } from '../i18n';

/**
 * A top-up amount as it is typed: a valid amount of the wallet's currency and within the
 * reseller's limits, or what is wrong, naming the limit in the currency's own format.
 */
export function checkTopUpAmount(text: string, limits: TopUpLimits, locale?: string): AmountCheck {
  const currency = limits.currency as Currency;
  const check = checkAmount(text, currency, 'positive', ...(locale ? [locale] : []));
  if (!check.ok) return check;
  const money = (amount: number) => formatAmount(amount, currency, locale ? { locale } : {});
  if (check.value < limits.minAmount)
    return { ok: false, message: i18n.t('top-up:ts.belowMin', { amount: money(limits.minAmount) }) };
  if (check.value > limits.maxAmount)
    return { ok: false, message: i18n.t('top-up:ts.aboveMax', { amount: money(limits.maxAmount) }) };
  return check;
}

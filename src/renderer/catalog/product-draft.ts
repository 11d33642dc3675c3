import type { BillingPeriod, Product } from '../../shared/api/orders';
import { isCurrency, type Currency } from '../../shared/money';
import { amountText, readTypedAmount } from '../lib/amount-input';
import { i18n } from '../i18n';

/** What the product form holds: text as typed (amounts are parsed, never computed in floats). */
export interface ProductDraft {
  name: string;
  description: string;
  period: BillingPeriod;
  active: boolean;
  /** One row per currency the product is sold in; `amount` as typed ("19.99", "333"). */
  prices: Array<{ currency: Currency; amount: string }>;
}

export interface ProductBody {
  name: string;
  description: string;
  period: BillingPeriod;
  active: boolean;
  /** Minor units per currency: 1999 = 19.99 USD, 333 = ¥333. */
  prices: Partial<Record<Currency, number>>;
}

/** Field → message, named as the API names them (`name`, `prices`, `prices.USD`). */
export type DraftErrors = Record<string, string>;

export const EMPTY_DRAFT: ProductDraft = {
  name: '',
  description: '',
  period: 'none',
  active: true,
  prices: [{ currency: 'USD', amount: '' }],
};

export function draftOf(product: Product): ProductDraft {
  return {
    name: product.name,
    description: product.description,
    period: product.period,
    active: product.active,
    prices: Object.entries(product.prices)
      .filter((entry): entry is [Currency, number] => isCurrency(entry[0]))
      .map(([currency, amount]) => ({ currency, amount: amountText(amount, currency) })),
  };
}

/**
 * The request body the draft stands for, or the errors by field. The same checks the API makes are
 * made here so a mistake is shown beside its field at once; the API still has the last word.
 */
export function bodyOf(
  draft: ProductDraft,
): { ok: true; body: ProductBody } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  if (draft.name.trim() === '') errors.name = i18n.t('catalog:draft.empty');
  const prices: Partial<Record<Currency, number>> = {};
  if (draft.prices.length === 0) errors.prices = i18n.t('catalog:draft.noCurrency');
  for (const row of draft.prices) {
    const field = `prices.${row.currency}`;
    if (prices[row.currency] !== undefined || errors[field]) {
      errors[field] = i18n.t('catalog:draft.currencyTwice');
      continue;
    }
    const parsed = readTypedAmount(row.amount, row.currency);
    if (!parsed.ok) errors[field] = i18n.t(`catalog:draft.amount.${parsed.reason}`);
    else if (parsed.value <= 0) errors[field] = i18n.t('catalog:draft.notPositive');
    else prices[row.currency] = parsed.value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      name: draft.name.trim(),
      description: draft.description.trim(),
      period: draft.period,
      active: draft.active,
      prices,
    },
  };
}

/** Only what changed, for PATCH /v1/products/:id; empty when nothing did. */
export function changesOf(before: Product, body: ProductBody): Partial<ProductBody> {
  const changes: Partial<ProductBody> = {};
  if (body.name !== before.name) changes.name = body.name;
  if (body.description !== before.description) changes.description = body.description;
  if (body.period !== before.period) changes.period = body.period;
  if (body.active !== before.active) changes.active = body.active;
  const same =
    Object.keys(body.prices).length === Object.keys(before.prices).length &&
    Object.entries(body.prices).every(([currency, amount]) => before.prices[currency] === amount);
  if (!same) changes.prices = body.prices;
  return changes;
}

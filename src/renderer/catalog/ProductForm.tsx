import { useState, type FormEvent } from 'react';
import { billingPeriods, type Product } from '../../shared/api/orders';
import { CURRENCIES, type Currency } from '../../shared/money';
import { FormMessage, SelectField, TextField } from '../components/Field';
import { errorMessage, IpcError } from '../lib/ipc';
import { useCreateProduct, useUpdateProduct } from '../orders/mutations';
import {
  bodyOf,
  changesOf,
  draftOf,
  EMPTY_DRAFT,
  type DraftErrors,
  type ProductDraft,
} from './product-draft';
import { translatedLabels } from '../i18n';
import { useTranslation } from 'react-i18next';

/** "Monthly", "Hằng tháng": a product's billing period in the console's language. */
export const PERIOD_LABELS = translatedLabels('catalog', 'period', billingPeriods);

/**
 * Adds a product, or edits `product`: name, description, a unit price per currency, billing period
 * and whether it is on sale. Mistakes are shown beside their field, first as typed, then as the API
 * names them. A new period or price applies to new orders; running subscriptions keep theirs.
 */
export function ProductForm({ product, onDone }: { product?: Product; onDone: (saved: Product) => void }) {
  const { t } = useTranslation('catalog');

  const create = useCreateProduct();
  const update = useUpdateProduct();
  const save = product ? update : create;
  const [draft, setDraft] = useState<ProductDraft>(() => (product ? draftOf(product) : EMPTY_DRAFT));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [unchanged, setUnchanged] = useState(false);

  // The API's (or main's) refusal, under the field it names (`prices.USD`, `changes.name`), else as
  // a banner; main prefixes its messages with the field, which beside the field is noise.
  const failed = save.error instanceof IpcError ? save.error : undefined;
  const apiField = failed?.field?.replace(/^changes\./, '');
  const apiMessage = failed?.message.replace(`${failed.field}: `, '');
  const errorFor = (field: string) =>
    capitalised(errors[field] ?? (apiField === field ? apiMessage : undefined));
  const set = (changes: Partial<ProductDraft>) => {
    setDraft((d) => ({ ...d, ...changes }));
    setUnchanged(false);
  };
  const setPrice = (index: number, changes: Partial<ProductDraft['prices'][number]>) =>
    set({ prices: draft.prices.map((row, i) => (i === index ? { ...row, ...changes } : row)) });
  const unused = CURRENCIES.filter((c) => !draft.prices.some((row) => row.currency === c));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = bodyOf(draft);
    if (!parsed.ok) return setErrors(parsed.errors);
    setErrors({});
    if (!product) return create.mutate(parsed.body, { onSuccess: onDone });
    const changes = changesOf(product, parsed.body);
    if (Object.keys(changes).length === 0) return setUnchanged(true);
    update.mutate({ productId: product.id, changes }, { onSuccess: onDone });
  };

  return (
    <form
      className="product-form"
      onSubmit={submit}
      aria-label={product ? t('edit', { name: product.name }) : t('newProduct')}
      noValidate
    >
      <TextField
        label={t('name')}
        value={draft.name}
        onChange={(e) => set({ name: e.target.value })}
        error={errorFor('name')}
      />
      <TextField
        label={t('description')}
        value={draft.description}
        onChange={(e) => set({ description: e.target.value })}
        error={errorFor('description')}
      />
      <SelectField
        label={t('billingPeriod')}
        value={draft.period}
        onChange={(e) => set({ period: e.target.value as ProductDraft['period'] })}
        error={errorFor('period')}
        hint={product ? t('runningSubscriptionsKeepThe') : undefined}
      >
        {billingPeriods.map((p) => (
          <option key={p} value={p}>
            {PERIOD_LABELS[p]}
          </option>
        ))}
      </SelectField>
      <fieldset className="product-prices">
        <legend>{t('unitPrices')}</legend>
        {errorFor('prices') && (
          <FormMessage tone="error">
            {t('prices2')} {errorFor('prices')}
          </FormMessage>
        )}
        {draft.prices.map((row, index) => (
          <div className="product-price-row" key={index}>
            <SelectField
              label={t('currency', { value: index + 1 })}
              value={row.currency}
              onChange={(e) => setPrice(index, { currency: e.target.value as Currency })}
            >
              {[row.currency, ...unused].map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('unitPriceIn', { currency: row.currency })}
              inputMode="decimal"
              value={row.amount}
              onChange={(e) => setPrice(index, { amount: e.target.value })}
              error={errorFor(`prices.${row.currency}`)}
            />
            <button
              type="button"
              className="button"
              aria-label={t('removeThePrice', { currency: row.currency })}
              onClick={() => set({ prices: draft.prices.filter((_, i) => i !== index) })}
            >
              {t('remove')}
            </button>
          </div>
        ))}
        {unused[0] !== undefined && (
          <button
            type="button"
            className="button"
            onClick={() => set({ prices: [...draft.prices, { currency: unused[0]!, amount: '' }] })}
          >
            {t('addACurrency')}
          </button>
        )}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={draft.active} onChange={(e) => set({ active: e.target.checked })} />
        {t('onSaleCustomersCan')}
      </label>
      {save.isError && !apiField?.match(/^(name|description|period|prices(\.[A-Z]{3})?)$/) && (
        <FormMessage tone="error">{errorMessage(save.error)}</FormMessage>
      )}
      {unchanged && <FormMessage tone="error">{t('nothingWasChanged')}</FormMessage>}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? t('saving') : product ? t('saveProduct') : t('addProduct')}
        </button>
      </div>
    </form>
  );
}

function capitalised(message: string | undefined): string | undefined {
  return message ? message.charAt(0).toUpperCase() + message.slice(1) : undefined;
}

import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Currency } from '../../shared/money';
import { FormMessage, SelectField, TextField } from '../components/Field';
import { Money } from '../components/Money';
import { errorMessage, fieldError } from '../lib/ipc';
import { formatAmount } from '../lib/format';
import { walletQueries } from '../wallet/queries';
import { usePlaceOrder } from './mutations';
import { orderQueries } from './queries';
import { Trans, useTranslation } from 'react-i18next';

/**
 * Order from the catalog: product, currency (a wallet the customer has), quantity; shows the unit
 * price, the total and the balance after before anything is sent. The server charges the total it
 * computes; this preview only multiplies the listed price.
 */
export function OrderForm({ customerId }: { customerId: string }) {
  const { t } = useTranslation('orders');

  const products = useQuery(orderQueries.products());
  const wallets = useQuery(walletQueries.list(customerId));
  const place = usePlaceOrder();
  const [productId, setProductId] = useState('');
  const [currency, setCurrency] = useState<Currency | ''>('');
  const [quantity, setQuantity] = useState('1');

  const active = (products.data ?? []).filter((p) => p.active);
  const product = active.find((p) => p.id === productId) ?? active[0];
  const customerWallets = (wallets.data ?? []).filter(
    (w) => w.customerId === customerId && w.status === 'active',
  );
  const sold = customerWallets.filter((w) => product?.prices[w.currency] !== undefined);
  const wallet = sold.find((w) => w.currency === currency) ?? sold[0];
  const unit = product && wallet ? product.prices[wallet.currency] : undefined;
  const count = /^\d{1,5}$/.test(quantity) ? Number(quantity) : NaN;
  const total = unit !== undefined && Number.isInteger(count) && count > 0 ? unit * count : null;
  const available = wallet ? wallet.balance - wallet.pendingCharges : 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!product || !wallet || total === null) return;
    place.mutate({ customerId, productId: product.id, quantity: count, currency: wallet.currency });
  };

  if (products.isSuccess && active.length === 0) return <p className="muted">{t('nothingIsOnSale')}</p>;
  return (
    <form className="order-form" onSubmit={submit} aria-label={t('orderFromTheCatalog')}>
      <SelectField
        label={t('product')}
        value={product?.id ?? ''}
        onChange={(e) => setProductId(e.target.value)}
      >
        {active.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
            {p.period !== 'none' ? t('renewsEach', { period: t(`periodUnit.${p.period}`) }) : ''}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('payFrom')}
        value={wallet?.currency ?? ''}
        onChange={(e) => setCurrency(e.target.value as Currency)}
        error={fieldError(place.error, 'currency')}
      >
        {sold.map((w) => (
          <option key={w.id} value={w.currency}>
            {t('walletAvailable', {
              currency: w.currency,
              amount: formatAmount(w.balance - w.pendingCharges, w.currency),
            })}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('quantity')}
        inputMode="numeric"
        value={quantity}
        onChange={(e) => setQuantity(e.target.value)}
        error={fieldError(place.error, 'quantity')}
      />
      {unit !== undefined && wallet && (
        <dl className="order-summary" aria-label={t('orderSummary')}>
          <dt>{t('price')}</dt>
          <dd>
            <Trans
              t={t}
              i18nKey="unitPriceEach"
              components={{ price: <Money amount={unit} currency={wallet.currency} /> }}
            />
          </dd>
          <dt>{t('total')}</dt>
          <dd data-testid="order-total">
            {total === null ? '—' : <Money amount={total} currency={wallet.currency} />}
          </dd>
          <dt>{t('balanceAfter')}</dt>
          <dd data-testid="order-balance-after">
            {total === null ? '—' : <Money amount={available - total} currency={wallet.currency} />}
          </dd>
        </dl>
      )}
      {total !== null && total > available && <FormMessage tone="error">{t('theWalletDoesNot')}</FormMessage>}
      {place.isError && !fieldError(place.error, 'quantity') && !fieldError(place.error, 'currency') && (
        <FormMessage tone="error">{errorMessage(place.error)}</FormMessage>
      )}
      {place.isSuccess && (
        <FormMessage tone="success">
          <Trans
            t={t}
            i18nKey="orderPlacedPaidFromTheWallet"
            values={{ number: place.data.order.number }}
            components={{
              total: <Money amount={place.data.order.total} currency={place.data.order.currency} />,
            }}
          />
        </FormMessage>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={place.isPending || total === null || total > available}
        >
          {place.isPending ? t('placing') : t('placeOrder')}
        </button>
      </div>
    </form>
  );
}

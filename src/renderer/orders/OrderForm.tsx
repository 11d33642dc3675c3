import { useQuery } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import type { Order } from '../../shared/api/orders';
import type { Currency } from '../../shared/money';
import { Dialog } from '../components/Dialog';
import { FormMessage, SelectField, TextField } from '../components/Field';
import { ConfirmActions } from '../components/FormActions';
import { Money } from '../components/Money';
import { errorMessage, fieldError } from '../lib/ipc';
import { requestAnswered, requestKeyFor } from '../lib/request-keys';
import { formatAmount } from '../lib/format';
import { useKeptOverLanguageSwitch } from '../shell/kept-over-language-switch';
import { walletName } from '../payments/payment-facts';
import { walletQueries } from '../wallet/queries';
import { usePlaceOrder } from './mutations';
import { orderQueries } from './queries';
import { Trans, useTranslation } from 'react-i18next';

/**
 * Order from the catalog: product, currency (a wallet the customer has), quantity; shows the unit
 * price, the total, which wallet pays and what stays available after it, and asks before anything
 * is sent. The server charges the total it computes; this preview only multiplies the listed
 * price. A customer orders for itself; the reseller admin for the customer it chose (`staff`:
 * wallets named with their customer).
 */
export function OrderForm({ customerId, staff = false }: { customerId: string; staff?: boolean }) {
  const { t } = useTranslation('orders');

  const products = useQuery(orderQueries.products());
  const wallets = useQuery(walletQueries.list(customerId));
  const place = usePlaceOrder();
  // What was chosen and typed survives a language switch, which redraws the whole console.
  const [productId, setProductId] = useKeptOverLanguageSwitch(`orders:new:${customerId}:product`, '');
  const [currency, setCurrency] = useKeptOverLanguageSwitch<Currency | ''>(
    `orders:new:${customerId}:currency`,
    '',
  );
  const [quantity, setQuantity] = useKeptOverLanguageSwitch(`orders:new:${customerId}:quantity`, '1');
  // So are the question asked before placing, and the "Order placed" message once it is answered.
  const [confirming, setConfirming] = useKeptOverLanguageSwitch(`orders:new:${customerId}:confirming`, false);
  const [placed, setPlaced] = useKeptOverLanguageSwitch<Pick<Order, 'number' | 'total' | 'currency'> | null>(
    `orders:new:${customerId}:placed`,
    null,
  );
  const active = (products.data ?? []).filter((p) => p.active);
  const product = active.find((p) => p.id === productId) ?? active[0];
  // A wallet still waiting in the outbox is not on the server yet: it cannot pay.
  const customerWallets = (wallets.data ?? []).filter(
    (w) => w.customerId === customerId && w.status === 'active' && !w.pending,
  );
  const sold = customerWallets.filter((w) => product?.prices[w.currency] !== undefined);
  const wallet = sold.find((w) => w.currency === currency) ?? sold[0];
  const unit = product && wallet ? product.prices[wallet.currency] : undefined;
  const count = /^\d{1,5}$/.test(quantity) ? Number(quantity) : NaN;
  const total = unit !== undefined && Number.isInteger(count) && count > 0 ? unit * count : null;
  const available = wallet ? wallet.balance - wallet.pendingCharges : 0;

  const paidFrom = wallet
    ? staff
      ? walletName(wallet)
      : t('yourWallet', { currency: wallet.currency })
    : '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!product || !wallet || total === null || total > available) return;
    setConfirming(true);
  };

  const confirm = () => {
    if (!product || !wallet || total === null) return;
    const input = { customerId, productId: product.id, quantity: count, currency: wallet.currency };
    // The Idempotency-Key of the order being confirmed: kept while it is the same order (a second
    // click, a retry after the network dropped: the API places it once), a new one for another order
    // or after the server refused this one (its replay would only repeat the refusal).
    const requestName = `orders:place:${customerId}`;
    setPlaced(null);
    place.mutate(
      { ...input, requestKey: requestKeyFor(requestName, JSON.stringify(input)) },
      {
        onSuccess: ({ order }) => {
          requestAnswered(requestName);
          setPlaced({ number: order.number, total: order.total, currency: order.currency });
        },
        onError: (error) => requestAnswered(requestName, error),
        onSettled: () => setConfirming(false),
      },
    );
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
          <dt>{t('paidFrom')}</dt>
          <dd data-testid="order-paid-from">{paidFrom}</dd>
          <dt>{t('total')}</dt>
          <dd data-testid="order-total">
            {total === null ? '—' : <Money amount={total} currency={wallet.currency} />}
          </dd>
          {/* What stays available, not the balance: pending charges (holds) are already spoken
              for, and what is available is what the customer can still spend or order with. */}
          <dt>{t('availableAfter')}</dt>
          <dd data-testid="order-available-after">
            {total === null ? '—' : <Money amount={available - total} currency={wallet.currency} />}
          </dd>
        </dl>
      )}
      {total !== null && total > available && <FormMessage tone="error">{t('theWalletDoesNot')}</FormMessage>}
      {place.isError && !fieldError(place.error, 'quantity') && !fieldError(place.error, 'currency') && (
        <FormMessage tone="error">{errorMessage(place.error)}</FormMessage>
      )}
      {placed && !place.isPending && !place.isError && (
        <FormMessage tone="success">
          <Trans
            t={t}
            i18nKey="orderPlacedPaidFromTheWallet"
            values={{ number: placed.number }}
            components={{
              total: <Money amount={placed.total} currency={placed.currency} />,
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
      {product && wallet && total !== null && (
        <Dialog
          open={confirming}
          title={t('placeOrderQuestion', { quantity: count, product: product.name })}
          description={t('orderIsPaidFrom', {
            amount: formatAmount(total, wallet.currency),
            wallet: paidFrom,
            after: formatAmount(available - total, wallet.currency),
          })}
          onClose={() => setConfirming(false)}
        >
          <ConfirmActions
            backLabel={t('goBack')}
            confirmLabel={
              place.isPending
                ? t('placing')
                : t('payAndPlace', { amount: formatAmount(total, wallet.currency) })
            }
            pending={place.isPending}
            onBack={() => setConfirming(false)}
            onConfirm={confirm}
          />
        </Dialog>
      )}
    </form>
  );
}

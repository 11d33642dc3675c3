import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Payment, PaymentReview } from '../../shared/api/payments';
import { Dialog } from '../components/Dialog';
import { FormMessage, SelectField } from '../components/Field';
import { Money } from '../components/Money';
import { ShowMore } from '../components/ShowMore';
import { isCurrency } from '../../shared/money';
import { formatAmount, formatDateTime } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { walletQueries } from '../wallet/queries';
import { PAYMENT_STATUS_LABELS } from './payment-labels';
import { paymentQueries } from './queries';
import { useApplyReview } from './review-queries';
import { useTranslation } from 'react-i18next';

export type ApplyTarget = 'payment' | 'wallet';

/**
 * Staff decide where a transfer that matched no payment belongs: a payment of the same currency that
 * is not paid yet (it becomes paid; those of the transfer's exact amount listed first, newest first,
 * older ones a page at a time), or a wallet. The API credits the transfer's actual amount, once;
 * this needs a connection, and says so when there is none.
 */
export function ApplyTransferDialog({
  review,
  target,
  onClose,
}: {
  review: PaymentReview & { amount: number; currency: string };
  target: ApplyTarget;
  onClose: () => void;
}) {
  const { t } = useTranslation('payments');

  // A wallet to apply it to: every one in the transfer's currency (only when that is the target).
  const wallets = useQuery({ ...walletQueries.list(), enabled: target === 'wallet' });
  // The bank's currency is any text until the API checks it: no payment is in one we do not know.
  const unpaidIn = isCurrency(review.currency) ? review.currency : null;
  const known = unpaidIn !== null;
  const payments = useInfiniteQuery({
    ...paymentQueries.pages(known ? { unpaidIn } : {}),
    enabled: target === 'payment' && known,
  });
  const apply = useApplyReview();
  const [choice, setChoice] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const sameCurrency = (wallets.data ?? []).filter(
    (w) => w.currency === review.currency && w.status === 'active' && !w.pending,
  );
  const unpaid = known ? (payments.data ?? []) : [];
  // Whose each unpaid payment is: the wallets those payments name.
  const named = useQuery(walletQueries.named(unpaid.map((p) => p.walletId)));
  const customerOf = (walletId: string) => named.data?.get(walletId)?.customerName;
  const paymentOption = (p: Payment) => ({
    id: p.id,
    label: `${customerOf(p.walletId) ?? p.customerId} — ${formatAmount(p.amount, p.currency)}, ${PAYMENT_STATUS_LABELS[p.status].toLowerCase()}, ${formatDateTime(p.createdAt)}`,
  });
  /** The payments a transfer most likely belongs to: the same amount (the payer left out the memo). */
  const groups =
    target === 'wallet'
      ? [
          {
            label: null,
            options: sameCurrency.map((w) => ({
              id: w.id,
              label: t('wallet3', { customerName: w.customerName, currency: w.currency }),
            })),
          },
        ]
      : [
          {
            label: t('sameAmount'),
            options: unpaid.filter((p) => p.amount === review.amount).map(paymentOption),
          },
          {
            label: t('otherAmounts'),
            options: unpaid.filter((p) => p.amount !== review.amount).map(paymentOption),
          },
        ].filter((group) => group.options.length > 0);
  const options = groups.flatMap((group) => group.options);
  const loading =
    target === 'wallet'
      ? wallets.isPending
      : known && (payments.isPending || (unpaid.length > 0 && named.isPending));
  const amount = formatAmount(review.amount, review.currency);
  const chosen = options.find((o) => o.id === choice);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!chosen) return;
    apply.mutate(
      { reviewId: review.id, ...(target === 'payment' ? { paymentId: chosen.id } : { walletId: chosen.id }) },
      { onSuccess: onClose },
    );
  };

  return (
    <Dialog
      open
      title={target === 'payment' ? t('applyTheTransferTo') : t('applyTheTransferTo2')}
      description={t('needsAConnectionTo')}
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate>
        <p>
          {t('transfer')} <Money amount={review.amount} currency={review.currency} />
        </p>
        {loading ? (
          <p className="muted">{t('loading')}</p>
        ) : options.length === 0 ? (
          <p className="muted">
            {target === 'payment'
              ? t('noUnpaidPaymentTo', { currency: review.currency })
              : t('noWalletToApply', { currency: review.currency })}
          </p>
        ) : (
          <SelectField
            label={target === 'payment' ? t('payment') : t('wallet')}
            value={choice}
            onChange={(event) => setChoice(event.target.value)}
            error={submitted && !chosen ? `Choose a ${target}.` : undefined}
          >
            <option value="">{t('choose')}</option>
            {groups.map((group) =>
              group.label === null ? (
                group.options.map((o) => <PickerOption key={o.id} {...o} />)
              ) : (
                <optgroup key={group.label} label={group.label}>
                  {group.options.map((o) => (
                    <PickerOption key={o.id} {...o} />
                  ))}
                </optgroup>
              ),
            )}
          </SelectField>
        )}
        {target === 'payment' && unpaid.length > 0 && (
          <ShowMore query={payments} shown={unpaid.length} label={t('showOlderPayments')} />
        )}
        {chosen && (
          <p role="status">
            {t(target === 'payment' ? 'applyConfirmPayment' : 'applyConfirmWallet', {
              amount,
              target: chosen.label,
            })}
          </p>
        )}
        {apply.isError && <FormMessage tone="error">{errorMessage(apply.error)}</FormMessage>}
        <div className="button-row">
          <button type="button" className="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={apply.isPending || options.length === 0}
          >
            {apply.isPending ? t('applying') : t('apply', { amount })}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function PickerOption({ id, label }: { id: string; label: string }) {
  return <option value={id}>{label}</option>;
}

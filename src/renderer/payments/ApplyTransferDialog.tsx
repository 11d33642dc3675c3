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
import { WalletPicker } from '../wallet/WalletPicker';
import { paymentStatusLabel } from './payment-labels';
import { paymentQueries } from './queries';
import { useApplyReview } from './review-queries';
import { useTranslation } from 'react-i18next';

export type ApplyTarget = 'payment' | 'wallet';

/**
 * Staff decide where a transfer that matched no payment belongs: a payment of the same currency that
 * is not paid yet (it becomes paid; those of the transfer's exact amount listed first, newest first,
 * older ones a page at a time), or a wallet. A payment paid and held for staff (its wallet refused
 * the money) takes only its own review's money: it is offered for that review alone, first. The API
 * credits the transfer's actual amount, once; this needs a connection, and says so when there is none.
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

  // The bank's currency is any text until the API checks it: no payment or wallet is in one we do not know.
  const unpaidIn = isCurrency(review.currency) ? review.currency : null;
  const known = unpaidIn !== null;
  // A wallet to apply it to: an active one in the transfer's currency, found by its customer.
  const walletFilter = { ...(known ? { currency: unpaidIn } : {}), active: true };
  const wallets = useQuery({
    ...walletQueries.search({ ...walletFilter, query: '' }),
    enabled: target === 'wallet' && known,
  });
  const payments = useInfiniteQuery({
    ...paymentQueries.pages(known ? { unpaidIn } : {}),
    enabled: target === 'payment' && known,
  });
  const apply = useApplyReview();
  const [choice, setChoice] = useState('');
  const [submitted, setSubmitted] = useState(false);

  // The list leaves out payments held for staff; the one this review holds is its own money's target.
  const own = useQuery({
    ...paymentQueries.named(review.paymentId ? [review.paymentId] : []),
    enabled: target === 'payment' && known && review.paymentId !== null,
  });
  const ownHeld = review.paymentId ? own.data?.get(review.paymentId) : undefined;
  const listed = known ? (payments.data ?? []) : [];
  const unpaid =
    ownHeld?.heldForReview && ownHeld.currency === unpaidIn
      ? [ownHeld, ...listed.filter((p) => p.id !== ownHeld.id)]
      : listed;
  // Whose each unpaid payment is: the wallets those payments name.
  const named = useQuery(walletQueries.named(unpaid.map((p) => p.walletId)));
  const customerOf = (walletId: string) => named.data?.get(walletId)?.customerName;
  const paymentOption = (p: Payment) => ({
    id: p.id,
    label: `${customerOf(p.walletId) ?? p.customerId} — ${formatAmount(p.amount, p.currency)}, ${paymentStatusLabel(p).toLowerCase()}, ${formatDateTime(p.createdAt)}`,
  });
  /** The payments a transfer most likely belongs to: the same amount (the payer left out the memo). */
  const groups = [
    { label: t('sameAmount'), options: unpaid.filter((p) => p.amount === review.amount).map(paymentOption) },
    {
      label: t('otherAmounts'),
      options: unpaid.filter((p) => p.amount !== review.amount).map(paymentOption),
    },
  ].filter((group) => group.options.length > 0);
  const chosenWallet = useQuery({
    ...walletQueries.detail(choice),
    enabled: target === 'wallet' && choice !== '',
  });
  const loading =
    known &&
    (target === 'wallet'
      ? wallets.isPending
      : payments.isPending ||
        (review.paymentId !== null && own.isPending) ||
        (unpaid.length > 0 && named.isPending));
  const none = target === 'wallet' ? (wallets.data?.total ?? 0) === 0 : groups.length === 0;
  const amount = formatAmount(review.amount, review.currency);
  const chosen =
    target === 'wallet'
      ? chosenWallet.data && {
          id: chosenWallet.data.id,
          label: t('wallet3', {
            customerName: chosenWallet.data.customerName,
            currency: chosenWallet.data.currency,
          }),
        }
      : groups.flatMap((group) => group.options).find((o) => o.id === choice);
  const choiceError =
    submitted && !chosen
      ? target === 'payment'
        ? t('applyTransfer.choosePayment')
        : t('applyTransfer.chooseWallet')
      : undefined;

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
        ) : none ? (
          <p className="muted">
            {target === 'payment'
              ? t('noUnpaidPaymentTo', { currency: review.currency })
              : t('noWalletToApply', { currency: review.currency })}
          </p>
        ) : target === 'wallet' ? (
          <WalletPicker
            value={choice}
            onChange={setChoice}
            label={t('wallet')}
            filter={walletFilter}
            emptyLabel={t('choose')}
            error={choiceError}
          />
        ) : (
          <SelectField
            label={t('payment')}
            value={choice}
            onChange={(event) => setChoice(event.target.value)}
            error={choiceError}
          >
            <option value="">{t('choose')}</option>
            {groups.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
        )}
        {target === 'payment' && listed.length > 0 && (
          <ShowMore query={payments} shown={listed.length} label={t('showOlderPayments')} />
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
          <button type="submit" className="button button-primary" disabled={apply.isPending || none}>
            {apply.isPending ? t('applying') : t('apply', { amount })}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

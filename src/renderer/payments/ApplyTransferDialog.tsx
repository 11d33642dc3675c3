import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { PaymentReview } from '../../shared/api/payments';
import { Dialog } from '../components/Dialog';
import { FormMessage, SelectField } from '../components/Field';
import { Money } from '../components/Money';
import { formatAmount, formatDateTime } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { walletQueries } from '../wallet/queries';
import { PAYMENT_STATUS_LABELS } from './payment-labels';
import { paymentQueries } from './queries';
import { useApplyReview } from './review-queries';

export type ApplyTarget = 'payment' | 'wallet';

/**
 * Staff decide where a transfer that matched no payment belongs: a payment of the same currency that
 * is not paid yet (it becomes paid), or a wallet. The API credits the transfer's actual amount, once;
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
  const wallets = useQuery(walletQueries.list());
  const payments = useQuery({ ...paymentQueries.list({}), enabled: target === 'payment' });
  const apply = useApplyReview();
  const [choice, setChoice] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const sameCurrency = (wallets.data ?? []).filter(
    (w) => w.currency === review.currency && w.status === 'active' && !w.pending,
  );
  const customerOf = new Map((wallets.data ?? []).map((w) => [w.id, w.customerName]));
  const options =
    target === 'wallet'
      ? sameCurrency.map((w) => ({ id: w.id, label: `${w.customerName} — ${w.currency} wallet` }))
      : (payments.data ?? [])
          .filter((p) => p.currency === review.currency && p.status !== 'paid')
          .map((p) => ({
            id: p.id,
            label: `${customerOf.get(p.walletId) ?? p.customerId} — ${formatAmount(p.amount, p.currency)}, ${PAYMENT_STATUS_LABELS[p.status].toLowerCase()}, ${formatDateTime(p.createdAt)}`,
          }));
  const loading = wallets.isPending || (target === 'payment' && payments.isPending);
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
      title={target === 'payment' ? 'Apply the transfer to a payment' : 'Apply the transfer to a wallet'}
      description="Needs a connection to the billing API. The wallet is credited the amount that arrived, once."
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate>
        <p>
          Transfer: <Money amount={review.amount} currency={review.currency} />
        </p>
        {loading ? (
          <p className="muted">Loading…</p>
        ) : options.length === 0 ? (
          <p className="muted">
            {target === 'payment'
              ? `No unpaid ${review.currency} payment to apply it to.`
              : `No ${review.currency} wallet to apply it to.`}
          </p>
        ) : (
          <SelectField
            label={target === 'payment' ? 'Payment' : 'Wallet'}
            value={choice}
            onChange={(event) => setChoice(event.target.value)}
            error={submitted && !chosen ? `Choose a ${target}.` : undefined}
          >
            <option value="">Choose…</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </SelectField>
        )}
        {chosen && (
          <p role="status">
            {amount} will be credited to {chosen.label}
            {target === 'payment' ? ', and the payment will be marked paid' : ''}. This cannot be undone.
          </p>
        )}
        {apply.isError && <FormMessage tone="error">{errorMessage(apply.error)}</FormMessage>}
        <div className="button-row">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={apply.isPending || options.length === 0}
          >
            {apply.isPending ? 'Applying…' : `Apply ${amount}`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

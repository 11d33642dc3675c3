import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { heldUnanswered, type Payment } from '../../shared/api/payments';
import { Badge } from '../components/Badge';
import { FormMessage } from '../components/Field';
import { Money } from '../components/Money';
import { ErrorState, LoadingState, Spinner } from '../components/States';
import { formatAmount } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { paymentBadges, PROVIDER_LABELS } from '../payments/payment-labels';
import { paymentQueries } from '../payments/queries';
import { useSyncStatus } from '../shell/queries';
import { walletQueries } from '../wallet/queries';
import { BankQr, CryptoQr } from './CheckoutQr';
import { openCheckout, useCancelPayment } from './mutations';
import { topUpWorkflow } from './workflow';
import { balanceAfterPayment } from '../payments/payment-facts';
import { useTranslation } from 'react-i18next';

/**
 * A top-up from the moment it is queued to its end, following the cache live: the outbox item,
 * then the payment the server made of it and every status the feed brings. `autoOpen` opens the
 * hosted page once, as soon as there is one (right after the payer pressed Pay).
 */
export function TopUpProgress({
  paymentId,
  autoOpen = false,
  onOpened,
  canAct = true,
  onAgain,
}: {
  /** A payment id, or the local id of a top-up still in the outbox. */
  paymentId: string;
  autoOpen?: boolean;
  /** The hosted page was opened (by `autoOpen`). */
  onOpened?: () => void;
  /** Whether this user may cancel (support agents only look). */
  canAct?: boolean;
  /** Starts a new top-up (after one ended, or to make another). */
  onAgain?: () => void;
}) {
  const { t } = useTranslation('top-up');

  const track = useQuery(paymentQueries.track(paymentId));
  const sync = useSyncStatus();
  const cancel = useCancelPayment();
  const opened = useRef(false);
  const workflow = topUpWorkflow(track.data ?? null, sync.data?.state === 'offline');
  const redirectUrl = workflow.step === 'redirect' ? workflow.url : null;

  useEffect(() => {
    if (!autoOpen || !redirectUrl || opened.current) return;
    opened.current = true;
    onOpened?.();
    void openCheckout(redirectUrl);
  }, [autoOpen, redirectUrl, onOpened]);

  if (track.isPending) return <LoadingState label={t('loadingTheTopUp')} compact />;
  if (track.isError) return <ErrorState error={track.error} onRetry={() => void track.refetch()} compact />;

  const again = onAgain && (
    <button type="button" className="button button-primary" onClick={onAgain}>
      {t('tryAgain')}
    </button>
  );
  // Only a payment nobody has started paying can be cancelled: once coins or a transfer were seen
  // (processing, partly paid), the server refuses, and the money that arrived must not be orphaned.
  const cancelButton = (payment: Payment) =>
    canAct &&
    payment.status === 'new' && (
      <button
        type="button"
        className="button button-danger-ghost"
        disabled={cancel.isPending}
        onClick={() => cancel.mutate(payment.id)}
      >
        {cancel.isPending ? t('cancelling') : t('cancelPayment')}
      </button>
    );

  switch (workflow.step) {
    case 'missing':
      return (
        <div className="top-up-status" role="status">
          <p className="state-title">{t('thisTopUpIs')}</p>
          <p className="muted">{t('itMayHaveBeen')}</p>
        </div>
      );
    case 'queued':
      return (
        <div className="top-up-status" role="status" data-testid="top-up-status">
          <Spinner size="sm" />
          {workflow.offline ? (
            <p>
              <strong>{t('waitingForAConnection')}</strong> {t('theConsoleIsOffline2')}
            </p>
          ) : (
            <p>{t('startingThePayment')}</p>
          )}
        </div>
      );
    case 'refused':
      return (
        <div className="top-up-status top-up-ended" data-testid="top-up-status">
          <FormMessage tone="error">{t('theTopUpCould', { message: workflow.message })}</FormMessage>
          <div className="button-row">{again}</div>
        </div>
      );
    case 'redirect':
      return (
        <div className="top-up-status" data-testid="top-up-status">
          <Summary payment={workflow.payment} />
          {workflow.payerAction ? (
            <p role="status">
              <strong>{workflow.payerAction}</strong>
            </p>
          ) : (
            <p role="status" className="waiting">
              <Spinner size="sm" /> {t('waitingForPaymentComplete')}
            </p>
          )}
          <div className="button-row">
            <button type="button" className="button" onClick={() => void openCheckout(workflow.url)}>
              {t('openThePaymentPage')}
            </button>
            <a className="muted checkout-link" href={workflow.url} target="_blank" rel="noopener noreferrer">
              {new URL(workflow.url).host}
            </a>
            {cancelButton(workflow.payment)}
          </div>
          {cancel.isError && <FormMessage tone="error">{errorMessage(cancel.error)}</FormMessage>}
        </div>
      );
    case 'crypto_qr':
    case 'bank_qr':
      return (
        <div className="top-up-status" data-testid="top-up-status">
          <Summary payment={workflow.payment} />
          {workflow.step === 'crypto_qr' ? (
            <CryptoQr payment={workflow.payment} checkout={workflow.checkout} />
          ) : (
            <BankQr payment={workflow.payment} checkout={workflow.checkout} />
          )}
          <div className="button-row">{cancelButton(workflow.payment)}</div>
          {cancel.isError && <FormMessage tone="error">{errorMessage(cancel.error)}</FormMessage>}
        </div>
      );
    case 'processing':
      return (
        <div className="top-up-status" data-testid="top-up-status">
          <Summary payment={workflow.payment} />
          <p role="status" className="waiting">
            <Spinner size="sm" />{' '}
            {t('confirmingThePaymentWith', { provider: PROVIDER_LABELS[workflow.payment.provider] })}
          </p>
        </div>
      );
    case 'held':
      return (
        <div className="top-up-status" data-testid="top-up-status">
          <Summary payment={workflow.payment} />
          <p role="status">
            {t(heldUnanswered(workflow.payment) ? 'heldUnansweredExplained' : 'heldForReviewExplained')}
          </p>
        </div>
      );
    case 'paid':
      return (
        <div className="top-up-status" data-testid="top-up-status">
          <Summary payment={workflow.payment} />
          <PaidMessage payment={workflow.payment} />
          {onAgain && (
            <div className="button-row">
              <button type="button" className="button" onClick={onAgain}>
                {t('makeAnotherTopUp')}
              </button>
            </div>
          )}
        </div>
      );
    case 'ended':
      return (
        <div className="top-up-status top-up-ended" data-testid="top-up-status">
          <Summary payment={workflow.payment} />
          <FormMessage tone="error">{workflow.message}</FormMessage>
          <div className="button-row">{again}</div>
        </div>
      );
  }
}

function Summary({ payment }: { payment: Payment }) {
  const { t } = useTranslation('top-up');

  return (
    <div className="top-up-summary">
      <Money amount={payment.amount} currency={payment.currency} className="top-up-amount" />
      <span className="muted">{PROVIDER_LABELS[payment.provider]}</span>
      {paymentBadges(payment).map((b) => (
        <Badge key={b.label} tone={b.tone}>
          {b.label}
        </Badge>
      ))}
      {payment.fee > 0 && (
        <span className="muted" data-testid="payment-fee">
          {t('feeTotalToPay', {
            amount: formatAmount(payment.fee, payment.currency),
            amount2: formatAmount(payment.totalAmount, payment.currency),
          })}
        </span>
      )}
    </div>
  );
}

function PaidMessage({ payment }: { payment: Payment }) {
  const { t } = useTranslation('top-up');

  const wallet = useQuery(walletQueries.detail(payment.walletId));
  const balance = balanceAfterPayment(payment, wallet.data);
  return (
    <FormMessage tone="success">
      {payment.invoiceId !== null
        ? // An invoice's payment: the money went on to the invoice, the balance is not what changed.
          t('invoicePaymentReceived', { amount: formatAmount(payment.amount, payment.currency) })
        : balance !== null && wallet.data
          ? t('topUpPaidNewBalance', {
              amount: formatAmount(payment.amount, payment.currency),
              balance: formatAmount(balance, wallet.data.currency),
            })
          : t('topUpPaid', { amount: formatAmount(payment.amount, payment.currency) })}
    </FormMessage>
  );
}

import { useState, type FormEvent } from 'react';
import type { Payment } from '../../shared/api/payments';
import type { Currency } from '../../shared/money';
import { Dialog } from '../components/Dialog';
import { FormMessage, TextField } from '../components/Field';
import { AmountField } from '../customers/AmountField';
import { amountText, checkAmount } from '../lib/amount-input';
import { formatAmount } from '../lib/format';
import { errorMessage, IpcError } from '../lib/ipc';
import { useFocusFieldError } from '../lib/use-focus-field-error';
import { PROVIDER_LABELS } from './payment-labels';
import { useRefundPayment } from './refunds';
import { useTranslation } from 'react-i18next';

/** Providers that refund by themselves; the others are paid back by hand and recorded here. */
const PROVIDER_REFUNDS = new Set<Payment['provider']>(['stripe', 'paypal', 'sandbox']);

/**
 * Staff refund (part of) a paid top-up: first the form, then a confirmation with the amount
 * formatted, then the provider's answer. Crypto and bank transfers need where the money was sent
 * and the transfer's reference, since staff pay those back themselves.
 */
export function RefundDialog({
  payment,
  currency,
  refundable,
  onClose,
}: {
  payment: Payment;
  currency: Currency;
  refundable: number;
  onClose: () => void;
}) {
  const { t } = useTranslation('payments');

  const refund = useRefundPayment();
  const manual = !PROVIDER_REFUNDS.has(payment.provider);
  const [amount, setAmount] = useState(amountText(refundable, currency));
  const [reason, setReason] = useState('');
  const [destination, setDestination] = useState('');
  const [reference, setReference] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const formRef = useFocusFieldError(refund.error, refusals);
  const check = checkAmount(amount, currency, 'positive');
  const tooMuch = check.ok && check.value > refundable;
  const missing = {
    reason: reason.trim() === '',
    destination: manual && destination.trim() === '',
    reference: manual && reference.trim() === '',
  };
  const serverField = refund.error instanceof IpcError ? refund.error.field : undefined;

  const review = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!check.ok || tooMuch || Object.values(missing).some(Boolean)) {
      setRefusals((count) => count + 1);
      return;
    }
    setConfirming(true);
  };
  const send = () => {
    if (!check.ok) return;
    refund.mutate(
      {
        paymentId: payment.id,
        amount: check.value,
        reason: reason.trim(),
        ...(manual ? { destination: destination.trim(), reference: reference.trim() } : {}),
      },
      { onSuccess: onClose, onError: () => setConfirming(false) },
    );
  };
  const formatted = check.ok ? formatAmount(check.value, currency) : '';

  return (
    <Dialog
      open
      title={t('refundPayment')}
      description={
        manual
          ? t('paymentsArePaidBack', { value: PROVIDER_LABELS[payment.provider] })
          : t('refundsItToThe', { value: PROVIDER_LABELS[payment.provider] })
      }
      onClose={onClose}
    >
      {confirming ? (
        <div>
          <p role="status">
            {manual
              ? t('refundConfirmPaidOut', {
                  amount: formatted,
                  total: formatAmount(payment.amount, currency),
                  destination: destination.trim(),
                })
              : t('refundConfirmToSource', {
                  amount: formatted,
                  total: formatAmount(payment.amount, currency),
                  provider: PROVIDER_LABELS[payment.provider],
                })}
          </p>
          <div className="button-row">
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('goBack')}
            </button>
            <button type="button" className="button button-danger" onClick={send} disabled={refund.isPending}>
              {refund.isPending ? t('refunding') : t('refund3', { formatted })}
            </button>
          </div>
        </div>
      ) : (
        <form ref={formRef} onSubmit={review} noValidate>
          <p>{t('refundable', { amount: formatAmount(refundable, currency) })}</p>
          <AmountField
            label={t('amount')}
            currency={currency}
            mode="positive"
            value={amount}
            onChange={setAmount}
            submitted={submitted}
            serverError={
              tooMuch
                ? t('refund.tooMuch', { amount: formatAmount(refundable, currency) })
                : serverField === 'amount'
                  ? errorMessage(refund.error)
                  : undefined
            }
          />
          <TextField
            label={t('reason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            error={submitted && missing.reason ? t('refund.reasonMissing') : undefined}
          />
          {manual && (
            <>
              <TextField
                label={t('paidOutTo3')}
                hint={t('theAccountAddressOr')}
                value={destination}
                onChange={(event) => setDestination(event.target.value)}
                error={submitted && missing.destination ? t('refund.destinationMissing') : undefined}
              />
              <TextField
                label={t('payoutReference')}
                hint={t('theTransferIdOr')}
                value={reference}
                onChange={(event) => setReference(event.target.value)}
                error={submitted && missing.reference ? t('refund.referenceMissing') : undefined}
              />
            </>
          )}
          {refund.isError && serverField !== 'amount' && (
            <FormMessage tone="error">{errorMessage(refund.error)}</FormMessage>
          )}
          <div className="button-row">
            <button type="button" className="button" onClick={onClose}>
              {t('cancel')}
            </button>
            <button type="submit" className="button button-primary">
              {t('reviewRefund')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

import { useState, type FormEvent } from 'react';
import type { InvoiceView } from '../../shared/ipc-contract';
import { Dialog } from '../components/Dialog';
import { FormMessage, TextField } from '../components/Field';
import { ConfirmActions, FormActions } from '../components/FormActions';
import { AmountField } from '../customers/AmountField';
import { amountText, checkAmount } from '../lib/amount-input';
import { formatAmount, formatDay } from '../lib/format';
import { errorMessage, IpcError } from '../lib/ipc';
import { useFocusFieldError } from '../lib/use-focus-field-error';
import { useMarkPaid } from './mutations';
import { useTranslation } from 'react-i18next';

/** Today in the user's own time zone, as <input type="date"> writes days (the bank's day is local). */
function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Staff record a bank transfer that arrived for an invoice: how much (the amount due unless less
 * came), the bank's reference and the day, then a confirmation of what the ledger will show (the
 * wallet credited, the invoice paid from it) before anything is sent. A paid invoice cannot be
 * voided, so nothing is recorded from a single click.
 */
export function RecordTransferDialog({
  invoice,
  onClose,
}: {
  invoice: Pick<InvoiceView, 'id' | 'currency' | 'amountDue' | 'topUpWalletId'>;
  onClose: () => void;
}) {
  const { t } = useTranslation('invoices');
  const markPaid = useMarkPaid();
  const { currency, amountDue } = invoice;
  const [today] = useState(localToday);
  const [amount, setAmount] = useState(amountText(amountDue, currency));
  const [reference, setReference] = useState('');
  const [receivedOn, setReceivedOn] = useState(today);
  const [submitted, setSubmitted] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const formRef = useFocusFieldError(markPaid.error, refusals);
  const [confirming, setConfirming] = useState(false);

  const check = checkAmount(amount, currency, 'positive');
  const tooMuch = check.ok && check.value > amountDue;
  const problems = {
    reference: reference.trim() === '' ? t('transfer.referenceMissing') : undefined,
    receivedOn:
      receivedOn === ''
        ? t('transfer.dayMissing')
        : receivedOn > today
          ? t('transfer.dayInFuture')
          : undefined,
  };
  const serverField = markPaid.error instanceof IpcError ? markPaid.error.field : undefined;
  const serverError = (field: string) => (serverField === field ? errorMessage(markPaid.error) : undefined);

  const review = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!check.ok || tooMuch || problems.reference || problems.receivedOn) {
      setRefusals((count) => count + 1);
      return;
    }
    setConfirming(true);
  };
  const record = () => {
    if (!check.ok) return;
    markPaid.mutate(
      { invoiceId: invoice.id, amount: check.value, reference: reference.trim(), receivedOn },
      { onSuccess: onClose, onError: () => setConfirming(false) },
    );
  };

  const formatted = check.ok ? formatAmount(check.value, currency) : '';
  const left = check.ok ? amountDue - check.value : amountDue;
  return (
    <Dialog open title={t('transfer.title')} description={t('transfer.description')} onClose={onClose}>
      {confirming ? (
        <div>
          <div role="status" data-testid="transfer-confirmation">
            <p>
              {t('transfer.confirmArrived', {
                amount: formatted,
                reference: reference.trim(),
                day: formatDay(receivedOn, undefined, true),
              })}
            </p>
            <p>
              {invoice.topUpWalletId
                ? t('transfer.confirmTopUp', { amount: formatted, currency })
                : t('transfer.confirmPays', { amount: formatted, currency })}{' '}
              {left > 0
                ? t('transfer.confirmStillDue', { left: formatAmount(left, currency) })
                : t('transfer.confirmPaidInFull')}
            </p>
          </div>
          <ConfirmActions
            backLabel={t('goBack')}
            confirmLabel={
              markPaid.isPending ? t('transfer.recording') : t('transfer.record', { amount: formatted })
            }
            pending={markPaid.isPending}
            onBack={() => setConfirming(false)}
            onConfirm={record}
          />
        </div>
      ) : (
        <form ref={formRef} className="form" onSubmit={review} noValidate>
          <p>{t('transfer.due', { amount: formatAmount(amountDue, currency) })}</p>
          <AmountField
            label={t('transfer.amount')}
            currency={currency}
            mode="positive"
            value={amount}
            onChange={setAmount}
            submitted={submitted}
            serverError={
              tooMuch
                ? t('transfer.tooMuch', { amount: formatAmount(amountDue, currency) })
                : serverError('amount')
            }
          />
          <TextField
            label={t('transfer.reference')}
            hint={t('transfer.referenceHint')}
            value={reference}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setReference(event.target.value)}
            error={(submitted ? problems.reference : undefined) ?? serverError('reference')}
          />
          <TextField
            label={t('transfer.receivedOn')}
            type="date"
            max={today}
            value={receivedOn}
            onChange={(event) => setReceivedOn(event.target.value)}
            error={(submitted ? problems.receivedOn : undefined) ?? serverError('receivedOn')}
          />
          {markPaid.isError && !['amount', 'reference', 'receivedOn'].includes(serverField ?? '') && (
            <FormMessage tone="error">{errorMessage(markPaid.error)}</FormMessage>
          )}
          <FormActions
            onCancel={onClose}
            pending={false}
            submitLabel={t('transfer.review')}
            pendingLabel={t('transfer.review')}
          />
        </form>
      )}
    </Dialog>
  );
}

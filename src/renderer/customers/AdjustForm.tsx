import { useState, type FormEvent } from 'react';
import type { WalletView } from '../../shared/ipc-contract';
import type { Currency } from '../../shared/money';
import { FormMessage, TextField } from '../components/Field';
import { checkAmount } from '../lib/amount-input';
import { errorMessage, fieldError, isFieldError } from '../lib/ipc';
import { AmountField } from './AmountField';
import { useAdjust } from './mutations';

/** A manual correction, positive or negative, with the reason the ledger will keep. */
export function AdjustForm({
  wallet,
  currency,
  onDone,
}: {
  wallet: WalletView;
  currency: Currency;
  onDone: () => void;
}) {
  const adjust = useAdjust();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const check = checkAmount(amount, currency, 'signed');
    if (!check.ok || reason.trim() === '') return;
    adjust.mutate({ walletId: wallet.id, amount: check.value, reason: reason.trim() }, { onSuccess: onDone });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <AmountField
        label="Amount"
        currency={currency}
        mode="signed"
        value={amount}
        onChange={setAmount}
        submitted={submitted}
        serverError={fieldError(adjust.error, 'amount')}
      />
      <TextField
        label="Reason"
        value={reason}
        maxLength={500}
        onChange={(event) => setReason(event.target.value)}
        error={
          submitted && reason.trim() === ''
            ? 'Give the reason for this adjustment.'
            : fieldError(adjust.error, 'reason')
        }
        hint="Kept in the ledger with the adjustment."
      />
      {adjust.isError && !isFieldError(adjust.error, ['amount', 'reason']) && (
        <FormMessage tone="error">Could not queue the adjustment: {errorMessage(adjust.error)}</FormMessage>
      )}
      <div className="form-actions">
        <button type="button" className="button button-ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={adjust.isPending}>
          {adjust.isPending ? 'Queuing…' : 'Adjust balance'}
        </button>
      </div>
    </form>
  );
}

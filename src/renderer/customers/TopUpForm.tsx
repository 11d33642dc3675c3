import { useState, type FormEvent } from 'react';
import type { WalletView } from '../../shared/ipc-contract';
import type { Currency } from '../../shared/money';
import { FormMessage, TextField } from '../components/Field';
import { checkAmount } from '../lib/amount-input';
import { errorMessage, fieldError, isFieldError } from '../lib/ipc';
import { AmountField } from './AmountField';
import { useTopUp } from './mutations';

/** A merchant top-up: credits the wallet once the server confirms it; queued at once, even offline. */
export function TopUpForm({
  wallet,
  currency,
  onDone,
}: {
  wallet: WalletView;
  currency: Currency;
  onDone: () => void;
}) {
  const topUp = useTopUp();
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('Top-up by reseller');
  const [submitted, setSubmitted] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const check = checkAmount(amount, currency, 'positive');
    if (!check.ok || description.trim() === '') return;
    topUp.mutate(
      { walletId: wallet.id, amount: check.value, description: description.trim() },
      { onSuccess: onDone },
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <AmountField
        label="Amount"
        currency={currency}
        mode="positive"
        value={amount}
        onChange={setAmount}
        submitted={submitted}
        serverError={fieldError(topUp.error, 'amount')}
      />
      <TextField
        label="Description"
        value={description}
        maxLength={500}
        onChange={(event) => setDescription(event.target.value)}
        error={
          submitted && description.trim() === ''
            ? 'Say what the top-up is for.'
            : fieldError(topUp.error, 'description')
        }
        hint="Shown in the customer's history."
      />
      {topUp.isError && !isFieldError(topUp.error, ['amount', 'description']) && (
        <FormMessage tone="error">Could not queue the top-up: {errorMessage(topUp.error)}</FormMessage>
      )}
      <div className="form-actions">
        <button type="button" className="button button-ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={topUp.isPending}>
          {topUp.isPending ? 'Queuing…' : 'Top up'}
        </button>
      </div>
    </form>
  );
}

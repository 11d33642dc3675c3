import { useState, type FormEvent } from 'react';
import type { WalletView } from '../../shared/ipc-contract';
import type { Currency } from '../../shared/money';
import { FormMessage, TextField } from '../components/Field';
import { checkAmount } from '../lib/amount-input';
import { errorMessage, fieldError, isFieldError } from '../lib/ipc';
import { AmountField } from './AmountField';
import { useAdjust, useTopUp } from './mutations';

/** What differs between the two money forms: the amount's sign, the text field, the words. */
const KINDS = {
  topUp: {
    mode: 'positive',
    field: 'description',
    label: 'Description',
    initial: 'Top-up by reseller',
    missing: 'Say what the top-up is for.',
    hint: "Shown in the customer's history.",
    noun: 'the credit',
    submit: 'Add credit',
  },
  adjust: {
    mode: 'signed',
    field: 'reason',
    label: 'Reason',
    initial: '',
    missing: 'Give the reason for this adjustment.',
    hint: 'Kept in the ledger with the adjustment.',
    noun: 'the adjustment',
    submit: 'Adjust balance',
  },
} as const;

/**
 * A merchant top-up (credits the wallet once the server confirms it) or a manual correction, positive
 * or negative, with the reason the ledger keeps. Either is queued at once, even offline.
 */
export function MovementForm({
  kind,
  wallet,
  currency,
  onDone,
}: {
  kind: keyof typeof KINDS;
  wallet: WalletView;
  currency: Currency;
  onDone: () => void;
}) {
  const words = KINDS[kind];
  const topUp = useTopUp();
  const adjust = useAdjust();
  const mutation = kind === 'topUp' ? topUp : adjust;
  const [amount, setAmount] = useState('');
  const [text, setText] = useState<string>(words.initial);
  const [submitted, setSubmitted] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const check = checkAmount(amount, currency, words.mode);
    if (!check.ok || text.trim() === '') return;
    const options = { onSuccess: onDone };
    if (kind === 'topUp')
      topUp.mutate({ walletId: wallet.id, amount: check.value, description: text.trim() }, options);
    else adjust.mutate({ walletId: wallet.id, amount: check.value, reason: text.trim() }, options);
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <AmountField
        label="Amount"
        currency={currency}
        mode={words.mode}
        value={amount}
        onChange={setAmount}
        submitted={submitted}
        serverError={fieldError(mutation.error, 'amount')}
      />
      <TextField
        label={words.label}
        value={text}
        maxLength={500}
        onChange={(event) => setText(event.target.value)}
        error={submitted && text.trim() === '' ? words.missing : fieldError(mutation.error, words.field)}
        hint={words.hint}
      />
      {mutation.isError && !isFieldError(mutation.error, ['amount', words.field]) && (
        <FormMessage tone="error">
          Could not queue {words.noun}: {errorMessage(mutation.error)}
        </FormMessage>
      )}
      <div className="form-actions">
        <button type="button" className="button button-ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Queuing…' : words.submit}
        </button>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import type { WalletView } from '../../shared/ipc-contract';
import { CURRENCIES, type Currency } from '../../shared/money';
import { FormMessage, SelectField } from '../components/Field';
import { errorMessage, fieldError } from '../lib/ipc';
import { useCreateWallet } from './mutations';

/**
 * Opens a wallet for the customer in a currency they have no wallet in yet. It shows among the
 * customer's wallets at once, marked "Pending sync", until the server confirms it.
 */
export function AddWalletForm({
  customerId,
  wallets,
}: {
  customerId: string;
  wallets: readonly WalletView[];
}) {
  const create = useCreateWallet();
  const taken = new Set(wallets.map((w) => w.currency));
  const available = CURRENCIES.filter((c) => !taken.has(c));
  const [currency, setCurrency] = useState<Currency | ''>('');
  const chosen = currency !== '' && available.includes(currency) ? currency : (available[0] ?? '');

  if (available.length === 0)
    return <p className="muted">This customer has a wallet in every supported currency.</p>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen === '') return;
    create.mutate({ customerId, currency: chosen }, { onSuccess: () => setCurrency('') });
  };

  return (
    <form className="inline-form" onSubmit={submit} aria-label="Add a wallet">
      <SelectField
        label="New wallet in"
        inline
        value={chosen}
        onChange={(event) => setCurrency(event.target.value as Currency)}
        error={fieldError(create.error, 'currency')}
      >
        {available.map((code) => (
          <option key={code} value={code}>
            {code}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button" disabled={create.isPending}>
        {create.isPending ? 'Queuing…' : 'Add wallet'}
      </button>
      {create.isError && !fieldError(create.error, 'currency') && (
        <FormMessage tone="error">Could not queue the wallet: {errorMessage(create.error)}</FormMessage>
      )}
    </form>
  );
}

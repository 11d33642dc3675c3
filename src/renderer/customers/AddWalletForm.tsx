import { useState, type FormEvent } from 'react';
import type { WalletView } from '../../shared/ipc-contract';
import { CURRENCIES, type Currency } from '../../shared/money';
import { FormMessage, SelectField } from '../components/Field';
import { errorMessage, fieldError } from '../lib/ipc';
import { useCreateWallet } from './mutations';
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation('customers');

  const create = useCreateWallet();
  const taken = new Set(wallets.map((w) => w.currency));
  const available = CURRENCIES.filter((c) => !taken.has(c));
  const [currency, setCurrency] = useState<Currency | ''>('');
  const chosen = currency !== '' && available.includes(currency) ? currency : (available[0] ?? '');

  if (available.length === 0) return <p className="muted">{t('thisCustomerHasA')}</p>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen === '') return;
    create.mutate({ customerId, currency: chosen }, { onSuccess: () => setCurrency('') });
  };

  return (
    <form className="inline-form" onSubmit={submit} aria-label={t('addAWallet')}>
      <SelectField
        label={t('newWalletIn')}
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
        {create.isPending ? t('queuing') : t('addWallet')}
      </button>
      {create.isError && !fieldError(create.error, 'currency') && (
        <FormMessage tone="error">{t('couldNotQueueThe', { value: errorMessage(create.error) })}</FormMessage>
      )}
    </form>
  );
}

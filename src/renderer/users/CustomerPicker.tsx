import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { SelectField, TextField } from '../components/Field';
import { customerQueries } from '../customers/queries';
import { useDebouncedValue } from '../lib/use-debounced-value';
import { useTranslation } from 'react-i18next';

/** Chooses the customer a customer login belongs to, searching the synced customers. */
export function CustomerPicker({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (customerId: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation('users');

  const [query, setQuery] = useState('');
  const debounced = useDebouncedValue(query, 200);
  const found = useQuery(customerQueries.searchPage(debounced, 0));
  // Only confirmed customers: the server knows no customer still waiting in the outbox.
  const customers = (found.data?.items ?? []).filter((c) => !c.pending);
  return (
    <>
      <TextField
        label={t('findCustomer')}
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        hint={t('nameEmailOrReference')}
      />
      <SelectField
        label={t('customer')}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        error={error}
      >
        <option value="">{t('chooseACustomer')}</option>
        {value !== '' && !customers.some((c) => c.id === value) && (
          <option value={value}>{t('theLinkedCustomer', { value })}</option>
        )}
        {customers.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.email})
          </option>
        ))}
      </SelectField>
    </>
  );
}

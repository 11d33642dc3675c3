import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { SelectField, TextField } from '../components/Field';
import { useDebouncedValue } from '../lib/use-debounced-value';
import { customerQueries } from './queries';
import { useTranslation } from 'react-i18next';

/**
 * Chooses a customer by searching the synced ones: the first page of matches by name (a reseller
 * may have many thousands; a list of the first few would leave the rest out of reach), the chosen
 * one always shown, and how many more a narrower search would reach.
 */
export function CustomerPicker({
  value,
  onChange,
  emptyLabel,
  error,
  pending = false,
  label,
  searchLabel,
}: {
  value: string;
  onChange: (customerId: string) => void;
  /** The choice of none: "Choose a customer…", or "All customers" for a filter. */
  emptyLabel: string;
  /** What the choice is for ("Order for"), where a page has another picker; "Customer" otherwise. */
  label?: string | undefined;
  /** Its search box's label, likewise ("Find the customer to order for"); "Find customer" otherwise. */
  searchLabel?: string | undefined;
  error?: string | undefined;
  /** Offer customers still waiting in the outbox too (only where a queued write may name one). */
  pending?: boolean;
}) {
  const { t } = useTranslation('customers');

  const [query, setQuery] = useState('');
  const debounced = useDebouncedValue(query, 200);
  const found = useQuery(customerQueries.searchPage(debounced, 0));
  const chosen = useQuery({ ...customerQueries.detail(value), enabled: value !== '' });
  const customers = (found.data?.items ?? []).filter((c) => pending || !c.pending);
  const more = Math.max(0, (found.data?.total ?? 0) - (found.data?.items ?? []).length);
  return (
    <>
      <TextField
        label={searchLabel ?? t('findCustomer')}
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        hint={more > 0 ? t('moreCustomers', { count: more }) : t('nameEmailOrReference')}
      />
      <SelectField
        label={label ?? t('customer')}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        error={error}
      >
        <option value="">{emptyLabel}</option>
        {value !== '' && !customers.some((c) => c.id === value) && (
          <option value={value}>{chosen.data ? `${chosen.data.name} (${chosen.data.email})` : value}</option>
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

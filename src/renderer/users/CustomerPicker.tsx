import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { SelectField, TextField } from '../components/Field';
import { customerQueries } from '../customers/queries';
import { useDebouncedValue } from '../lib/use-debounced-value';

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
  const [query, setQuery] = useState('');
  const debounced = useDebouncedValue(query, 200);
  const found = useQuery(customerQueries.searchPage(debounced, 0));
  // Only confirmed customers: the server knows no customer still waiting in the outbox.
  const customers = (found.data?.items ?? []).filter((c) => !c.pending);
  return (
    <>
      <TextField
        label="Find customer"
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        hint="Name, email or reference."
      />
      <SelectField
        label="Customer"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        error={error}
      >
        <option value="">Choose a customer…</option>
        {value !== '' && !customers.some((c) => c.id === value) && (
          <option value={value}>The linked customer ({value})</option>
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

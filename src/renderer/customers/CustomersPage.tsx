import { useState } from 'react';
import { Dialog } from '../components/Dialog';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { EmptyState } from '../components/States';
import { usePermissions } from '../connection/queries';
import { useDebouncedValue } from '../lib/use-debounced-value';
import { CreateCustomerForm } from './CreateCustomerForm';
import { CustomerList } from './CustomerList';
import './customers.css';

/** Search as you type over name, email and reference; resellers create customers here. */
export function CustomersPage() {
  const permissions = usePermissions();
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim(), 150);
  const [creating, setCreating] = useState(false);

  const createButton = permissions.writes && (
    <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
      <Icon name="plus" size={16} />
      New customer
    </button>
  );

  return (
    <div className="page page-fill">
      <PageHeader
        title="Customers"
        subtitle="Everyone you bill, with their wallets and histories."
        actions={createButton}
      />
      <div className="search">
        <label htmlFor="customer-search" className="visually-hidden">
          Search customers
        </label>
        <Icon name="search" size={16} />
        <input
          id="customer-search"
          className="input search-input"
          type="search"
          placeholder="Search by name, email or reference"
          autoComplete="off"
          spellCheck={false}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <CustomerList
        query={query}
        empty={
          query !== '' ? (
            <EmptyState title={`No customers match “${query}”`}>
              Try part of a name, an email or a reference.
            </EmptyState>
          ) : (
            <EmptyState
              title={permissions.writes ? 'No customers yet — create the first one' : 'No customers yet'}
            >
              {createButton || 'Customers your reseller creates appear here.'}
            </EmptyState>
          )
        }
      />
      <Dialog
        open={creating}
        title="New customer"
        description="The customer is queued now and created on the server when it answers."
        onClose={() => setCreating(false)}
      >
        <CreateCustomerForm
          onCancel={() => setCreating(false)}
          // The new customer shows at the top of the list, marked "Pending sync", until confirmed.
          onDone={() => setCreating(false)}
        />
      </Dialog>
    </div>
  );
}

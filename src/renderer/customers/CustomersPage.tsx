import { useState } from 'react';
import { Dialog } from '../components/Dialog';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { AddButton } from '../components/AddButton';
import { EmptyState } from '../components/States';
import { usePermissions } from '../connection/queries';
import { useDebouncedValue } from '../lib/use-debounced-value';
import { useKeptOverLanguageSwitch } from '../shell/kept-over-language-switch';
import { CreateCustomerForm } from './CreateCustomerForm';
import { CustomerList } from './CustomerList';
import './customers.css';
import { useTranslation } from 'react-i18next';

/** Search as you type over name, email and reference; resellers create customers here. */
export function CustomersPage() {
  const { t } = useTranslation('customers');

  const permissions = usePermissions();
  // The search typed outlives a language switch: the list is drawn again, not left.
  const [text, setText] = useKeptOverLanguageSwitch('customers:search', '');
  const query = useDebouncedValue(text.trim(), 150);
  const [creating, setCreating] = useState(false);

  const createButton = permissions.writes && (
    <AddButton label={t('newCustomer')} onClick={() => setCreating(true)} />
  );

  return (
    <div className="page page-fill">
      <PageHeader title={t('customers')} subtitle={t('everyoneYouBillWith')} actions={createButton} />
      <div className="search">
        <label htmlFor="customer-search" className="visually-hidden">
          {t('searchCustomers')}
        </label>
        <Icon name="search" size={16} />
        <input
          id="customer-search"
          className="input search-input"
          type="search"
          placeholder={t('searchByNameEmail')}
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
            <EmptyState fromCache title={t('noCustomersMatch', { query })}>
              {t('tryPartOfA')}
            </EmptyState>
          ) : (
            <EmptyState
              fromCache
              title={permissions.writes ? t('noCustomersYetCreate') : t('noCustomersYet')}
            >
              {createButton || t('customersYourResellerCreates')}
            </EmptyState>
          )
        }
      />
      <Dialog
        open={creating}
        title={t('newCustomer')}
        description={t('theCustomerIsQueued')}
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

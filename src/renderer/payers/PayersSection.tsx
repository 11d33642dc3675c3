import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Badge } from '../components/Badge';
import { Dialog } from '../components/Dialog';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { useSession } from '../connection/queries';
import { AddPayerForm } from './AddPayerForm';
import { payerQueries } from './queries';
import { SavedMethods } from './SavedMethods';
import './payers.css';
import { useTranslation } from 'react-i18next';

/**
 * A customer's payers (billing entities) and the methods saved for them, read from the billing API.
 * Reseller admins and the customer itself add payers and change or delete saved methods (the API
 * allows a customer its own); support agents read.
 */
export function PayersSection({ customerId }: { customerId: string }) {
  const { t } = useTranslation('payers');

  const payers = useQuery(payerQueries.list(customerId));
  const role = useSession().data?.role;
  const [adding, setAdding] = useState(false);
  const changesMethods = role === 'reseller_admin' || role === 'customer';
  const addsPayers = changesMethods;

  return (
    <section className="section card payers-card" aria-labelledby="payers-title">
      <div className="section-header">
        <h2 id="payers-title" className="section-title">
          {t('payersAndSavedMethods')}
        </h2>
        {addsPayers && (
          <button type="button" className="button button-sm" onClick={() => setAdding(true)}>
            {t('addPayer')}
          </button>
        )}
      </div>
      {payers.isPending ? (
        <LoadingState label={t('loadingPayers')} compact />
      ) : payers.isError ? (
        <ErrorState
          title={t('couldNotLoadThe')}
          error={payers.error}
          onRetry={() => void payers.refetch()}
          compact
        />
      ) : (
        <>
          {payers.data.length === 0 ? (
            <EmptyState title={t('noPayersYet')}>
              {addsPayers ? t('addAPayerTo') : t('topUpsAreBilled')}
            </EmptyState>
          ) : (
            <ul className="payers-list" aria-label={t('payers')}>
              {payers.data.map((p) => (
                <li key={p.id} className="payers-item" data-testid="payer">
                  <div>
                    <strong>{p.name}</strong> {p.email && <span className="muted">{p.email}</span>}
                  </div>
                  {p.isDefault && <Badge tone="info">{t('defaultPayer')}</Badge>}
                </li>
              ))}
            </ul>
          )}
          <SavedMethods customerId={customerId} payers={payers.data} canChange={changesMethods} />
        </>
      )}
      <Dialog open={adding} title={t('addAPayer')} onClose={() => setAdding(false)}>
        {adding && <AddPayerForm customerId={customerId} onDone={() => setAdding(false)} />}
      </Dialog>
    </section>
  );
}

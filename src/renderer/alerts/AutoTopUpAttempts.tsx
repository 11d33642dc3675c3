import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Money } from '../components/Money';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { formatDateTime } from '../lib/format';
import { attemptOutcomeText } from './attempt-words';
import { alertQueries } from './queries';

/**
 * The auto top-up panel's latest charges: when, how much, and how each ended. Read from the billing
 * API, so offline it says it could not load them, with a way to try again.
 */
export function AutoTopUpAttempts({ walletId }: { walletId: string }) {
  const { t } = useTranslation('alerts');
  const attempts = useQuery(alertQueries.attempts(walletId));
  return (
    <section className="auto-top-up-attempts" aria-labelledby="auto-top-up-attempts-title">
      <h4 id="auto-top-up-attempts-title" className="section-subtitle">
        {t('recentCharges')}
      </h4>
      {attempts.isPending ? (
        <LoadingState label={t('loadingCharges')} compact />
      ) : attempts.isError ? (
        <ErrorState
          title={t('couldNotLoadCharges')}
          error={attempts.error}
          onRetry={() => void attempts.refetch()}
          compact
        />
      ) : attempts.data.length === 0 ? (
        <EmptyState title={t('noChargesYet')}>{t('aChargeShowsHere')}</EmptyState>
      ) : (
        <table className="data-table" aria-labelledby="auto-top-up-attempts-title">
          <thead>
            <tr>
              <th scope="col">{t('attempt.when')}</th>
              <th scope="col" className="cell-amount">
                {t('attempt.amount')}
              </th>
              <th scope="col">{t('attempt.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {attempts.data.map((attempt) => (
              <tr key={attempt.id} data-testid="auto-top-up-attempt">
                <td>{formatDateTime(attempt.createdAt)}</td>
                <td className="cell-amount">
                  <Money amount={attempt.amount} currency={attempt.currency} />
                </td>
                <td>{attemptOutcomeText(attempt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

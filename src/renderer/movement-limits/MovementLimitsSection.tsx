import { useQuery } from '@tanstack/react-query';
import type { Currency } from '../../shared/money';
import { ErrorState, LoadingState } from '../components/States';
import { MovementLimitCard } from './MovementLimitCard';
import { movementLimitQueries } from './queries';
import { useTranslation } from 'react-i18next';

/**
 * Limits on staff movements (merchant credits and adjustments) for the currencies the reseller
 * uses: admins change them (online), support agents read them.
 */
export function MovementLimitsSection({
  currencies,
  editable,
}: {
  currencies: readonly Currency[];
  editable: boolean;
}) {
  const { t } = useTranslation('movement-limits');

  const limits = useQuery(movementLimitQueries.current());
  const shown = limits.data?.items.filter((l) => l.custom || currencies.includes(l.currency)) ?? [];
  return (
    <section className="section" aria-labelledby="movement-limits-title">
      <h2 id="movement-limits-title" className="section-title">
        {t('creditAndAdjustmentLimits')}
      </h2>
      <p className="muted">
        {t('staffCreditsAndAdjustments')}
        {limits.data?.offline && t('offlineTheseAreThe')}
      </p>
      {limits.isPending ? (
        <LoadingState label={t('loadingLimits')} compact />
      ) : limits.isError ? (
        <ErrorState error={limits.error} onRetry={() => void limits.refetch()} compact />
      ) : (
        <div className="settings-grid">
          {shown.map((limit) => (
            // Each card keeps what is typed across refetches and resets itself from its own save.
            <MovementLimitCard
              key={limit.currency}
              limit={limit}
              editable={editable && !limits.data.offline}
            />
          ))}
        </div>
      )}
    </section>
  );
}

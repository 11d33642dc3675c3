import { useQuery } from '@tanstack/react-query';
import type { Currency } from '../../shared/money';
import { ErrorState, LoadingState } from '../components/States';
import { MovementLimitCard } from './MovementLimitCard';
import { movementLimitQueries } from './queries';

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
  const limits = useQuery(movementLimitQueries.current());
  const shown = limits.data?.items.filter((l) => l.custom || currencies.includes(l.currency)) ?? [];
  return (
    <section className="section" aria-labelledby="movement-limits-title">
      <h2 id="movement-limits-title" className="section-title">
        Credit and adjustment limits
      </h2>
      <p className="muted">
        Staff credits and adjustments above the confirmation amount are confirmed before they are queued; the
        maximum per movement is enforced by the billing API.
        {limits.data?.offline && ' Offline: these are the limits last fetched.'}
      </p>
      {limits.isPending ? (
        <LoadingState label="Loading limits…" compact />
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

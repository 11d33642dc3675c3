import { useQuery } from '@tanstack/react-query';
import { RouteLink } from '../components/RouteLink';
import { formatDateTime, plural } from '../lib/format';
import { alertQueries } from './queries';

/**
 * The event-lag monitor: how far this console's cache is behind the server's change feed, and for
 * staff, when each gateway last delivered a webhook and the payments confirmed only by polling (a
 * sign that a gateway's webhooks are not arriving).
 */
export function LagMonitor() {
  const lag = useQuery(alertQueries.lag());
  if (!lag.data) return null;
  const { behind, lastSyncedAt, gateways } = lag.data;
  return (
    <section className="card lag-monitor" aria-labelledby="lag-monitor-title" data-testid="lag-monitor">
      <h2 id="lag-monitor-title" className="section-title">
        Event lag
      </h2>
      <p>
        {behind === 0 ? 'Up to date with the server' : `${plural(behind, 'change')} behind the server`}
        {lastSyncedAt && <span className="muted"> · last synced {formatDateTime(lastSyncedAt)}</span>}
      </p>
      {gateways && (
        <>
          <h3 className="section-subtitle">Gateway webhooks</h3>
          {gateways.providers.length === 0 ? (
            <p className="muted">No gateway has delivered a webhook yet.</p>
          ) : (
            <ul>
              {gateways.providers.map((p) => (
                <li key={p.provider}>
                  {p.provider}: last webhook {p.lastWebhookAt ? formatDateTime(p.lastWebhookAt) : 'never'}
                </li>
              ))}
            </ul>
          )}
          {gateways.pollingOnly.length > 0 && (
            <p role="status">
              {plural(gateways.pollingOnly.length, 'payment')} of the last 7 days confirmed only by polling:{' '}
              {gateways.pollingOnly.slice(0, 5).map((p, i) => (
                <span key={p.paymentId}>
                  {i > 0 && ', '}
                  <RouteLink to={{ page: 'payment', paymentId: p.paymentId }}>{p.provider}</RouteLink>
                </span>
              ))}
              . Check that the gateway's webhooks reach this API.
            </p>
          )}
        </>
      )}
    </section>
  );
}

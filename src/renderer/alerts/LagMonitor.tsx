import { useQuery } from '@tanstack/react-query';
import { RouteLink } from '../components/RouteLink';
import { formatDateTime } from '../lib/format';
import { alertQueries } from './queries';
import { useTranslation } from 'react-i18next';

/**
 * The event-lag monitor: how far this console's cache is behind the server's change feed, and for
 * staff, when each gateway last delivered a webhook and the payments confirmed only by polling (a
 * sign that a gateway's webhooks are not arriving).
 */
export function LagMonitor() {
  const { t } = useTranslation('alerts');

  const lag = useQuery(alertQueries.lag());
  if (!lag.data) return null;
  const { behind, lastSyncedAt, gateways } = lag.data;
  return (
    <section className="card lag-monitor" aria-labelledby="lag-monitor-title" data-testid="lag-monitor">
      <h2 id="lag-monitor-title" className="section-title">
        {t('eventLag')}
      </h2>
      <p>
        {/* Never synced: nothing is known of the server's feed, so "up to date" would be a guess. */}
        {lastSyncedAt === null
          ? t('notSyncedYet')
          : behind === 0
            ? t('upToDateWith')
            : t('behindTheServer', { count: behind })}
        {lastSyncedAt && (
          <span className="muted"> {t('lastSynced', { date: formatDateTime(lastSyncedAt) })}</span>
        )}
      </p>
      {gateways && (
        <>
          <h3 className="section-subtitle">{t('gatewayWebhooks')}</h3>
          {gateways.providers.length === 0 ? (
            <p className="muted">{t('noGatewayHasDelivered')}</p>
          ) : (
            <ul>
              {gateways.providers.map((p) => (
                <li key={p.provider}>
                  {t('providerLastWebhook', {
                    provider: p.provider,
                    when: p.lastWebhookAt ? formatDateTime(p.lastWebhookAt) : t('never'),
                  })}
                </li>
              ))}
            </ul>
          )}
          {gateways.pollingOnly.length > 0 && (
            <div role="status">
              <p>{t('pollingOnlyPayments', { count: gateways.pollingOnly.length })}</p>
              {/* A sentence, then its examples as a list: no translation has to fit links mid-sentence. */}
              <ul aria-label={t('paymentsConfirmedOnlyByPolling')}>
                {gateways.pollingOnly.slice(0, 5).map((p) => (
                  <li key={p.paymentId}>
                    <RouteLink to={{ page: 'payment', paymentId: p.paymentId }}>{p.provider}</RouteLink>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}

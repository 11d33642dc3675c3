import { RouteLink } from '../components/RouteLink';
import { ALERT_TITLES, useAlertNotices } from './alert-notices';

/** Live low-balance alerts, as banners at the top of the window until dismissed. */
export function AlertBanners() {
  const alerts = useAlertNotices((s) => s.alerts);
  const dismiss = useAlertNotices((s) => s.alertDismissed);
  if (alerts.length === 0) return null;
  return (
    <div className="alert-banners">
      {alerts.map((alert) => (
        <div
          key={alert.id}
          className={`alert-banner alert-banner-${alert.type === 'wallet.balance_recovered' ? 'ok' : 'low'}`}
          role="alert"
          data-testid="alert-banner"
        >
          <strong>{ALERT_TITLES[alert.type]}</strong> <span>{alert.message}</span>{' '}
          <RouteLink to={{ page: 'wallet', walletId: alert.walletId }}>Open the wallet</RouteLink>
          <button
            type="button"
            className="button button-small"
            aria-label={`Dismiss: ${ALERT_TITLES[alert.type]}`}
            onClick={() => dismiss(alert.id)}
          >
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}

import { RouteLink } from '../components/RouteLink';
import { ALERT_TITLES, useAlertNotices } from './alert-notices';
import { alertText } from './alert-words';
import { useTranslation } from 'react-i18next';

/** Live low-balance alerts, as banners at the top of the window until dismissed. */
export function AlertBanners() {
  const { t } = useTranslation('alerts');

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
          <strong>{ALERT_TITLES[alert.type]}</strong> <span>{alertText(alert)}</span>{' '}
          <RouteLink to={{ page: 'wallet', walletId: alert.walletId }}>{t('openTheWallet')}</RouteLink>
          <button
            type="button"
            className="button button-small"
            aria-label={t('dismiss', { value: ALERT_TITLES[alert.type] })}
            onClick={() => dismiss(alert.id)}
          >
            {t('dismiss2')}
          </button>
        </div>
      ))}
    </div>
  );
}

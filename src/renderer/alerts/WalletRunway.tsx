import { useQuery } from '@tanstack/react-query';
import { runwayWords } from './runway-words';
import { alertQueries } from './queries';
import { useTranslation } from 'react-i18next';

/** A wallet card's runway: "≈ 12 days left" at the spending rate of the last 30 days. */
export function WalletRunway({ walletId }: { walletId: string }) {
  const { t } = useTranslation('alerts');

  const view = useQuery(alertQueries.wallet(walletId));
  if (!view.data) return null;
  const label = runwayWords(view.data.runwayDays);
  const low = view.data.settings?.state === 'low';
  if (!label && !low) return null;
  return (
    <p className={`wallet-card-runway${low ? ' wallet-card-low' : ''}`} data-testid="wallet-runway-card">
      {low && <span className="badge badge-warning">{t('lowBalance')}</span>} {label}
    </p>
  );
}

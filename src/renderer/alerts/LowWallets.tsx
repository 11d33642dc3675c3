import { useQuery } from '@tanstack/react-query';
import { Money } from '../components/Money';
import { RouteLink } from '../components/RouteLink';
import { displayLocale } from '../lib/format';
import { alertQueries } from './queries';
import { useTranslation } from 'react-i18next';

/** The header's "low wallet" at a glance: how many, linking to the first. */
export function HeaderLowWallets() {
  const { t } = useTranslation('alerts');

  const low = useQuery(alertQueries.lowWallets());
  const first = low.data?.items[0];
  if (!first) return null;
  const count = low.data?.total ?? 0;
  return (
    <RouteLink
      to={{ page: 'wallet', walletId: first.walletId }}
      className="header-low-wallets"
      data-testid="header-low-wallets"
      // Named with the words it shows ("1 low wallet", or its count below 1440 px), so that a person
      // who says what they see to voice control finds it; the longer sentence stays in the title.
      aria-label={t('lowWalletCount', { count })}
      title={t('lowOnBalance', { count })}
    >
      <span aria-hidden="true">⚠ </span>
      <span className="header-wide">{t('lowWalletCount', { count })}</span>
      <span className="header-narrow">{count.toLocaleString(displayLocale())}</span>
    </RouteLink>
  );
}

/** The dashboard's list of wallets below their alert lines: the first ones, longest below first. */
export function DashboardLowWallets() {
  const { t } = useTranslation('alerts');

  const low = useQuery(alertQueries.lowWallets());
  const wallets = low.data?.items ?? [];
  if (wallets.length === 0) return null;
  const more = (low.data?.total ?? 0) - wallets.length;
  return (
    <section className="card low-wallets" aria-labelledby="low-wallets-title" data-testid="low-wallets">
      <h2 id="low-wallets-title" className="section-title">
        {t('lowBalance')}
      </h2>
      <ul>
        {wallets.map((w) => (
          <li key={w.walletId}>
            <RouteLink to={{ page: 'wallet', walletId: w.walletId }}>
              {w.customerName} · {w.currency}
            </RouteLink>{' '}
            <Money amount={w.availableBalance} currency={w.currency} /> {t('available')}
          </li>
        ))}
      </ul>
      {more > 0 && <p className="muted">{t('moreLowWallets', { count: more })}</p>}
    </section>
  );
}

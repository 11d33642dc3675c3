import { useId } from 'react';
import type { WalletView } from '../../shared/ipc-contract';
import { Badge, PendingBadge } from '../components/Badge';
import { Money } from '../components/Money';
import { RouteLink } from '../components/RouteLink';
import { formatAmount } from '../lib/format';
import { WalletRunway } from '../alerts/WalletRunway';
import { useTranslation } from 'react-i18next';

/** One wallet at a glance: its balance, what is held for pending charges, and what is available. */
export function WalletCard({ wallet, showCustomer }: { wallet: WalletView; showCustomer: boolean }) {
  const { t } = useTranslation('dashboard');

  const figuresId = useId();
  return (
    <RouteLink
      to={{ page: 'wallet', walletId: wallet.id }}
      className="card wallet-card"
      data-testid="wallet-card"
      aria-label={t('wallet', {
        value: showCustomer ? `${wallet.customerName}, ` : '',
        currency: wallet.currency,
      })}
      aria-describedby={figuresId}
    >
      <div className="wallet-card-head">
        <span className="wallet-card-title">
          {showCustomer ? wallet.customerName : t('wallet2', { currency: wallet.currency })}
        </span>
        <span className="wallet-card-badges">
          {wallet.pending && <PendingBadge rejection={wallet.rejection} />}
          {wallet.status === 'closed' && <Badge>{t('closed')}</Badge>}
          <Badge>{wallet.currency}</Badge>
        </span>
      </div>
      <dl className="wallet-card-figures" id={figuresId}>
        <div className="wallet-card-balance">
          <dt>{t('balance')}</dt>
          <dd className={formatAmount(wallet.balance, wallet.currency).length > 12 ? 'long' : undefined}>
            <Money amount={wallet.balance} currency={wallet.currency} />
          </dd>
        </div>
        <div>
          <dt>{t('pendingCharges')}</dt>
          <dd>
            <Money amount={wallet.pendingCharges} currency={wallet.currency} />
          </dd>
        </div>
        <div>
          <dt>{t('available')}</dt>
          <dd>
            <Money amount={wallet.availableBalance} currency={wallet.currency} />
          </dd>
        </div>
      </dl>
      {!wallet.pending && <WalletRunway walletId={wallet.id} />}
    </RouteLink>
  );
}

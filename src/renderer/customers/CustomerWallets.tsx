import type { WalletView } from '../../shared/ipc-contract';
import { Badge, PendingBadge } from '../components/Badge';
import { Money } from '../components/Money';
import { RouteLink } from '../components/RouteLink';
import { formatAmount } from '../lib/format';
import { useTranslation } from 'react-i18next';

/** The customer's wallets side by side; choosing one shows its history below. */
export function CustomerWallets({
  customerId,
  wallets,
  selectedId,
}: {
  customerId: string;
  wallets: readonly WalletView[];
  selectedId: string | undefined;
}) {
  const { t } = useTranslation('customers');

  return (
    <ul className="customer-wallets">
      {wallets.map((wallet) => (
        <li key={wallet.id}>
          <RouteLink
            to={{ page: 'customer', customerId, walletId: wallet.id }}
            className="card wallet-chip"
            aria-current={wallet.id === selectedId ? 'true' : undefined}
          >
            <span className="wallet-chip-head">
              <Badge>{wallet.currency}</Badge>
              {wallet.pending && <PendingBadge rejection={wallet.rejection} />}
              {wallet.status === 'closed' && <Badge>{t('closed')}</Badge>}
            </span>
            <Money amount={wallet.balance} currency={wallet.currency} className="wallet-chip-balance" />
            <span className="wallet-chip-meta">
              {t('available')} <Money amount={wallet.availableBalance} currency={wallet.currency} />
              {wallet.pendingCharges > 0 && (
                <>
                  {' · '}
                  {t('held')} <Money amount={wallet.pendingCharges} currency={wallet.currency} />
                </>
              )}
            </span>
            {wallet.pendingInitialBalance !== undefined && (
              <span className="wallet-chip-meta">
                {t('initialBalanceWaiting', {
                  amount: formatAmount(wallet.pendingInitialBalance, wallet.currency),
                })}
              </span>
            )}
          </RouteLink>
        </li>
      ))}
    </ul>
  );
}

import { Icon } from '../components/Icon';
import { Money } from '../components/Money';
import { Skeleton } from '../components/States';
import { usePermissions } from '../connection/queries';
import { useCurrentWallet } from '../wallet/queries';
import { useUi } from './ui-store';

/** The current wallet's balance, always in view; opens the Wallet page. */
export function HeaderBalance() {
  const { wallets, wallet } = useCurrentWallet();
  const navigated = useUi((state) => state.navigated);
  const permissions = usePermissions();

  if (wallets.isPending) {
    return (
      <span className="header-balance" data-testid="header-balance" aria-busy="true">
        <Skeleton width="6rem" height="1.1em" />
      </span>
    );
  }
  if (!wallet) {
    return (
      <span className="header-balance header-balance-empty" data-testid="header-balance">
        {wallets.isError ? 'Balance unavailable' : 'No wallet'}
      </span>
    );
  }
  return (
    <span className="header-balance-group">
      <button
        type="button"
        className="header-balance"
        data-testid="header-balance"
        title={`${wallet.customerName} · ${wallet.currency} wallet — open the Wallet page`}
        onClick={() => navigated({ page: 'wallet', walletId: wallet.id })}
      >
        <Icon name="wallet" size={16} />
        <span className="header-balance-label">Balance</span>
        <Money amount={wallet.balance} currency={wallet.currency} className="header-balance-amount" />
      </button>
      {permissions.topsUp && wallet.status === 'active' && !wallet.pending && (
        <button
          type="button"
          className="button button-sm button-primary header-top-up"
          title={`Top up ${wallet.customerName}'s ${wallet.currency} wallet`}
          onClick={() => navigated({ page: 'top-up', walletId: wallet.id })}
        >
          <Icon name="plus" size={14} />
          Top Up
        </button>
      )}
    </span>
  );
}

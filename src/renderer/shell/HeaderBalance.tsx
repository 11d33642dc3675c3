import { Icon } from '../components/Icon';
import { Money } from '../components/Money';
import { Skeleton } from '../components/States';
import { useCurrentWallet } from '../wallet/queries';
import { useUi } from './ui-store';

/** The current wallet's balance, always in view; opens the Wallet page. */
export function HeaderBalance() {
  const { wallets, wallet } = useCurrentWallet();
  const navigated = useUi((state) => state.navigated);

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
  );
}

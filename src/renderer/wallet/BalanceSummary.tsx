import type { WalletView } from '../../shared/ipc-contract';
import { Money } from '../components/Money';

/** The three balances the server keeps: total, held for pending charges, and available. */
export function BalanceSummary({ wallet }: { wallet: WalletView }) {
  return (
    <dl className="balances" data-testid="wallet-balances">
      <div className="card balance-tile balance-tile-main">
        <dt>Balance</dt>
        <dd>
          <Money amount={wallet.balance} currency={wallet.currency} />
        </dd>
      </div>
      <div className="card balance-tile">
        <dt>Pending charges</dt>
        <dd>
          <Money amount={wallet.pendingCharges} currency={wallet.currency} />
        </dd>
      </div>
      <div className="card balance-tile">
        <dt>Available balance</dt>
        <dd>
          <Money amount={wallet.availableBalance} currency={wallet.currency} />
        </dd>
      </div>
    </dl>
  );
}

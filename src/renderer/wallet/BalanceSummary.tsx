import type { WalletView } from '../../shared/ipc-contract';
import { Money } from '../components/Money';
import { useTranslation } from 'react-i18next';

/** The three balances the server keeps: total, held for pending charges, and available. */
export function BalanceSummary({ wallet }: { wallet: WalletView }) {
  const { t } = useTranslation('wallet');

  return (
    <dl className="balances" data-testid="wallet-balances">
      <div className="card balance-tile balance-tile-main">
        <dt>{t('balance')}</dt>
        <dd>
          <Money amount={wallet.balance} currency={wallet.currency} />
        </dd>
      </div>
      <div className="card balance-tile">
        <dt>{t('pendingCharges')}</dt>
        <dd>
          <Money amount={wallet.pendingCharges} currency={wallet.currency} />
        </dd>
      </div>
      <div className="card balance-tile">
        <dt>{t('availableBalance')}</dt>
        <dd>
          <Money amount={wallet.availableBalance} currency={wallet.currency} />
        </dd>
      </div>
    </dl>
  );
}

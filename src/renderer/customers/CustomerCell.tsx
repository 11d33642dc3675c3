import type { WalletView } from '../../shared/ipc-contract';
import { RouteLink } from '../components/RouteLink';
import { useTranslation } from 'react-i18next';

/**
 * A list row's customer, named from the wallet the row's money moved through and linked to the
 * customer's page; "Unknown" while that wallet is not (or no longer) in the cache.
 */
export function CustomerCell({ wallet }: { wallet: WalletView | undefined }) {
  const { t } = useTranslation('customers');
  return (
    <td className="cell-text" title={wallet?.customerName}>
      {wallet ? (
        <RouteLink to={{ page: 'customer', customerId: wallet.customerId }}>{wallet.customerName}</RouteLink>
      ) : (
        <span className="muted">{t('unknown')}</span>
      )}
    </td>
  );
}

import type { RefusalReason } from '../../shared/api/common';
import { i18n } from '../i18n';
import { formatAmount } from './format';

/**
 * A refusal the server explained as data (its `reason`), in the console's language: "Available
 * balance is 12,00 €; 15,00 € is needed" rather than the server's English. Null when the console
 * does not know the reason, or its values are not what that reason carries (the English then shows).
 */
export function refusalWords(reason: RefusalReason): string | null {
  const { values } = reason;
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : null);
  const money = (name: string) => {
    const amount = values[name];
    const currency = text('currency');
    return typeof amount === 'number' && Number.isSafeInteger(amount) && currency
      ? formatAmount(amount, currency)
      : null;
  };
  switch (reason.key) {
    case 'insufficient_funds': {
      const available = money('available');
      const needed = money('needed');
      return available && needed ? i18n.t('common:refusal.insufficientFunds', { available, needed }) : null;
    }
    case 'balance_limit': {
      const limit = money('limit');
      return limit ? i18n.t('common:refusal.balanceLimit', { limit }) : null;
    }
    case 'order_provisioning': {
      const order = text('order');
      return order ? i18n.t('common:refusal.orderProvisioning', { order }) : null;
    }
    case 'no_wallet_in_currency': {
      const currency = text('currency');
      return currency ? i18n.t('common:refusal.noWalletInCurrency', { currency }) : null;
    }
    case 'no_available_balance': {
      const currency = text('currency');
      return currency ? i18n.t('common:refusal.noAvailableBalance', { currency }) : null;
    }
    default:
      return null;
  }
}

import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import type { WalletView } from '../../shared/ipc-contract';
import { Icon } from '../components/Icon';
import { Money } from '../components/Money';
import { Skeleton } from '../components/States';
import { usePermissions } from '../connection/queries';
import { displayLocale, formatAmount } from '../lib/format';
import { paymentQueries } from '../payments/queries';
import { useCurrentWallet, walletQueries } from '../wallet/queries';
import { headerWalletSource, ownWalletsShown } from './header-wallet';
import { useUi } from './ui-store';
import { useTranslation } from 'react-i18next';

/**
 * What the signed-in role owns, always in view: a customer's current wallet (with Top Up); for
 * staff, the wallet of the page they are on, named with its customer, or nothing at all.
 */
export function HeaderBalance() {
  const route = useUi((state) => state.route);
  const permissions = usePermissions();
  const source = headerWalletSource(route, permissions);
  switch (source.kind) {
    case 'own':
      return <OwnBalance />;
    case 'none':
      return null;
    default:
      return <WalletInContext source={source} />;
  }
}

/** A customer's own wallets: "Balance $50.00 · ₫1,500,000" (the current one first) and Top Up. */
function OwnBalance() {
  const { t } = useTranslation('shell');

  const current = useCurrentWallet();
  const { wallet } = current;
  const navigated = useUi((state) => state.navigated);
  const permissions = usePermissions();
  // Every wallet of the customer, not the current one only: paying a VND invoice from the VND
  // wallet, the header read the USD balance alone.
  const all = useQuery({ ...walletQueries.list(wallet?.customerId ?? ''), enabled: wallet !== null });

  if (current.isPending) return <BalanceSkeleton />;
  if (!wallet) {
    return (
      <span className="header-balance header-balance-empty" data-testid="header-balance">
        {current.isError ? t('balanceUnavailable') : t('noWallet')}
      </span>
    );
  }
  const shown = ownWalletsShown(wallet, all.data ?? []);
  return (
    <span className="header-balance-group">
      <button
        type="button"
        className={shown.length > 1 ? 'header-balance header-balance-many' : 'header-balance'}
        data-testid="header-balance"
        title={
          shown.length > 1
            ? t('yourWalletsOpenThe', {
                balances: new Intl.ListFormat(displayLocale(), { type: 'unit' }).format(
                  shown.map((w) => formatAmount(w.balance, w.currency)),
                ),
                currency: wallet.currency,
              })
            : t('yourWalletOpenThe', {
                currency: wallet.currency,
                amount: formatAmount(wallet.balance, wallet.currency),
              })
        }
        onClick={() => navigated({ page: 'wallet', walletId: wallet.id })}
      >
        <Icon name="wallet" size={16} />
        <span className="header-balance-label">{t('balance')}</span>
        {shown.map((w, i) => (
          <Fragment key={w.id}>
            {i > 0 && (
              <span className="header-balance-separator" aria-hidden="true">
                ·
              </span>
            )}
            <Money amount={w.balance} currency={w.currency} className="header-balance-amount" />
          </Fragment>
        ))}
      </button>
      {permissions.topsUp && wallet.status === 'active' && !wallet.pending && (
        <button
          type="button"
          className="button button-sm button-primary header-top-up"
          title={t('topUpYourWallet', { currency: wallet.currency })}
          onClick={() => navigated({ page: 'top-up', walletId: wallet.id })}
        >
          <Icon name="plus" size={14} />
          {t('topUp')}
        </button>
      )}
    </span>
  );
}

type ContextSource = Exclude<ReturnType<typeof headerWalletSource>, { kind: 'own' } | { kind: 'none' }>;

/** Staff: "Acme Ltd · USD $1,234.00" for the wallet the page is about; no Top Up here. */
function WalletInContext({ source }: { source: ContextSource }) {
  const { t } = useTranslation('shell');

  const wallet = useWalletInContext(source);
  const navigated = useUi((state) => state.navigated);
  if (wallet === 'loading') return <BalanceSkeleton />;
  if (wallet === null) return null;
  const name = `${wallet.customerName} · ${wallet.currency}`;
  return (
    <button
      type="button"
      className="header-balance header-balance-context"
      data-testid="header-balance"
      title={t('sWalletOpenThe', {
        customerName: wallet.customerName,
        currency: wallet.currency,
        amount: formatAmount(wallet.balance, wallet.currency),
      })}
      onClick={() => navigated({ page: 'wallet', walletId: wallet.id })}
    >
      <Icon name="wallet" size={16} />
      <span className="header-balance-label header-balance-name">{name}</span>
      <Money amount={wallet.balance} currency={wallet.currency} className="header-balance-amount" />
    </button>
  );
}

/** The wallet a page is about, resolved as that page resolves it; null when there is none. */
function useWalletInContext(source: ContextSource): WalletView | null | 'loading' {
  const current = useCurrentWallet(source.kind === 'wallet' && source.walletId === null);
  const customerWallets = useQuery({
    ...walletQueries.list(source.kind === 'customer' ? source.customerId : ''),
    enabled: source.kind === 'customer',
  });
  const payment = useQuery({
    ...paymentQueries.track(source.kind === 'payment' ? source.paymentId : ''),
    enabled: source.kind === 'payment',
  });
  const paymentWalletId =
    payment.data?.kind === 'payment'
      ? payment.data.payment.walletId
      : payment.data?.kind === 'queued'
        ? payment.data.item.walletId
        : null;
  const walletId =
    source.kind === 'wallet' ? source.walletId : source.kind === 'payment' ? paymentWalletId : null;
  const detail = useQuery({ ...walletQueries.detail(walletId ?? ''), enabled: walletId !== null });

  switch (source.kind) {
    case 'customer': {
      if (customerWallets.isPending) return 'loading';
      const list = customerWallets.data ?? [];
      return list.find((w) => w.id === source.walletId) ?? list[0] ?? null;
    }
    case 'wallet':
      if (source.walletId === null) return current.isPending ? 'loading' : current.wallet;
      return detail.isPending ? 'loading' : (detail.data ?? null);
    case 'payment':
      if (payment.isPending) return 'loading';
      if (walletId === null) return null;
      return detail.isPending ? 'loading' : (detail.data ?? null);
  }
}

function BalanceSkeleton() {
  return (
    <span className="header-balance" data-testid="header-balance" aria-busy="true">
      <Skeleton width="6rem" height="1.1em" />
    </span>
  );
}

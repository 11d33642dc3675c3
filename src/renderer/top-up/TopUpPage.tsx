import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { PageHeader } from '../components/PageHeader';
import { RouteLink } from '../components/RouteLink';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { tabAfterKey } from '../components/tablist';
import { usePermissions, useSession } from '../connection/queries';
import { RenewalsTab } from '../subscriptions/RenewalsTab';
import '../orders/orders.css';
import { formatAmount } from '../lib/format';
import { IpcError } from '../lib/ipc';
import { useKeepsFocus } from '../lib/use-keeps-focus';
import { useUi } from '../shell/ui-store';
import { useCurrentWallet, walletQueries } from '../wallet/queries';
import { WalletPicker } from '../wallet/WalletPicker';
import { topUpQueries } from './queries';
import { TopUpForm } from './TopUpForm';
import { TopUpProgress } from './TopUpProgress';
import { topUpScreenClosed, useStartedTopUp } from './started-top-up';
import './top-up.css';
import { Trans, useTranslation } from 'react-i18next';

/**
 * Top Up: choose an amount and a method, then follow the payment to its end on the same screen.
 * Reached from the header's Top Up button and the Wallet page.
 */
export function TopUpPage({ walletId, tab = 'top-up' }: { walletId?: string; tab?: TopUpTab }) {
  const { t } = useTranslation('top-up');

  const current = useCurrentWallet(walletId === undefined);
  const id = walletId ?? current.wallet?.id;
  const wallet = useQuery({ ...walletQueries.detail(id ?? ''), enabled: id !== undefined });
  const options = useQuery({ ...topUpQueries.options(id ?? ''), enabled: id !== undefined });
  const permissions = usePermissions();
  const walletSelected = useUi((state) => state.walletSelected);
  /** The top-up under way on this screen: its local id, followed to the payment it becomes. */
  const following = useStartedTopUp((state) => state.started);
  const started = following !== null && following.walletId === id ? following.localId : null;
  const { topUpStarted, checkoutOpened, topUpLeft } = useStartedTopUp();
  useEffect(() => topUpScreenClosed, []);
  const { data: session } = useSession();
  // The form comes back after a top-up ("Make another top-up", "Try again"): the methods are asked
  // again, so the one that top-up just saved is offered without leaving the screen.
  const wasStarted = useRef(started !== null);
  const refetchOptions = options.refetch;
  useEffect(() => {
    if (wasStarted.current && started === null) void refetchOptions();
    wasStarted.current = started !== null;
  }, [started, refetchOptions]);
  // Pay, Cancel and "Make another top-up" replace themselves: focus stays on the card, not the window.
  const card = useKeepsFocus();

  if (tab === 'renewals') {
    return (
      <div className="page">
        <PageHeader title={t('topUp2')} />
        <TopUpTabs current="renewals" />
        <section
          className="card"
          id={tabPanelId('renewals')}
          role="tabpanel"
          aria-labelledby={tabId('renewals')}
        >
          <RenewalsTab customerId={session?.customerId ?? undefined} />
        </section>
      </div>
    );
  }

  if (!permissions.topsUp) {
    return (
      <div className="page">
        <PageHeader title={t('topUp2')} />
        <EmptyState title={t('thisAccountCannotStart')}>
          <Trans
            t={t}
            i18nKey="supportAgentsSeePayments"
            components={{ route: <RouteLink to={{ page: 'payments' }} /> }}
          />
        </EmptyState>
      </div>
    );
  }
  if (id === undefined) {
    if (current.isPending) return <LoadingState label={t('loadingWallets')} />;
    return (
      <div className="page">
        <PageHeader title={t('topUp2')} />
        <EmptyState fromCache title={t('noWalletToTop')}>
          {t('aWalletMustBe')}
        </EmptyState>
      </div>
    );
  }
  const view = wallet.data;
  return (
    <div className="page">
      <PageHeader
        title={t('topUp2')}
        subtitle={
          view ? (
            <>
              {t('walletBalance', {
                customerName: view.customerName,
                currency: view.currency,
                amount: formatAmount(view.balance, view.currency),
              })}
            </>
          ) : undefined
        }
        actions={started === null && <WalletPicker value={id} onChange={walletSelected} />}
      />
      <TopUpTabs current="top-up" />
      {/* The panel of the Top up tab; the card inside keeps its own name (New top-up, Payment),
          which focus lands on when Pay or Cancel replace themselves. */}
      <div id={tabPanelId('top-up')} role="tabpanel" aria-labelledby={tabId('top-up')}>
        <section
          ref={card}
          tabIndex={-1}
          className="card top-up-card"
          aria-label={started ? t('payment') : t('newTopUp')}
        >
          {started !== null ? (
            <TopUpProgress
              paymentId={started}
              autoOpen={!following?.opened}
              onOpened={checkoutOpened}
              onAgain={topUpLeft}
            />
          ) : options.isPending ? (
            <LoadingState label={t('loadingPaymentMethods')} compact />
          ) : options.isError ? (
            <ErrorState
              title={
                options.error instanceof IpcError && options.error.code === 'offline'
                  ? t('topUpsNeedA')
                  : t('couldNotLoadThe')
              }
              error={options.error}
              onRetry={() => void options.refetch()}
              compact
            />
          ) : (
            <TopUpForm
              key={id}
              walletId={id}
              options={options.data}
              onStarted={(item) => topUpStarted(id, item.payload.localId)}
            />
          )}
        </section>
      </div>
    </div>
  );
}

const tabId = (tab: TopUpTab) => `top-up-tab-${tab}`;
const tabPanelId = (tab: TopUpTab) => `top-up-panel-${tab}`;

/** The tab the arrow keys moved to, to be focused once the route it opens is drawn. */
let tabToFocus: TopUpTab | null = null;

type TopUpTab = 'top-up' | 'renewals';
const TOP_UP_TABS: readonly TopUpTab[] = ['top-up', 'renewals'];

/**
 * Top up and Renewals: the renewals the wallet pays next, beside the form that fills it. Each tab is
 * a link to its route; the tablist is one Tab stop, the arrow keys open the other tab.
 */
function TopUpTabs({ current }: { current: TopUpTab }) {
  const { t } = useTranslation('top-up');
  const navigated = useUi((state) => state.navigated);
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (tabToFocus !== current) return;
    tabToFocus = null;
    list.current?.querySelector<HTMLElement>(`#${tabId(current)}`)?.focus();
  }, [current]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = tabAfterKey(event.key, TOP_UP_TABS, current);
    if (next === null) return;
    event.preventDefault();
    if (next === current) return;
    tabToFocus = next;
    navigated({ page: next });
  };
  const labels: Record<TopUpTab, string> = { 'top-up': t('tab.topUp'), renewals: t('tab.renewals') };
  return (
    <div ref={list} className="segmented" role="tablist" aria-label={t('topUpView')} onKeyDown={onKeyDown}>
      {TOP_UP_TABS.map((value) => (
        <RouteLink
          key={value}
          to={{ page: value }}
          role="tab"
          id={tabId(value)}
          aria-selected={current === value}
          // Only the selected tab's panel is drawn (each tab is a route of its own).
          aria-controls={current === value ? tabPanelId(value) : undefined}
          tabIndex={current === value ? 0 : -1}
          className={current === value ? 'segment segment-active' : 'segment'}
        >
          {labels[value]}
        </RouteLink>
      ))}
    </div>
  );
}

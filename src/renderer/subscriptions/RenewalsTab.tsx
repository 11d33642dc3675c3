import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { RenewalView, WalletView } from '../../shared/ipc-contract';
import { RouteLink } from '../components/RouteLink';
import { Badge } from '../components/Badge';
import { Dialog } from '../components/Dialog';
import { FormMessage } from '../components/Field';
import { ConfirmActions } from '../components/FormActions';
import { ShowMore } from '../components/ShowMore';
import { Money } from '../components/Money';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { usePermissions } from '../connection/queries';
import { CustomerCell } from '../customers/CustomerCell';
import { formatAmount, formatDateTime } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { requestAnswered, requestKeyFor } from '../lib/request-keys';
import { useKeptOverLanguageSwitch } from '../shell/kept-over-language-switch';
import { walletQueries } from '../wallet/queries';
import { useCancelAutoRenew, useRenewNow } from './mutations';
import { subscriptionQueries } from './queries';
import {
  covers,
  renewalDateWords,
  renewalNoticeWords,
  renewNowWords,
  SUBSCRIPTION_STATUS_LABELS,
  SUBSCRIPTION_STATUS_TONES,
} from './renewal-words';
import { useTranslation } from 'react-i18next';

/** How long before a renewal the server tells a customer the wallet cannot cover it (and some slack). */
const NOTICE_WINDOW_MS = 4 * 86_400_000;

/**
 * Upcoming renewals (the Renewals tab of Top Up, and the Subscriptions screen): the live
 * subscriptions, soonest first, a page at a time; amount, date, whether the wallet covers it now,
 * Renew now and Cancel auto-renew.
 */
export function RenewalsTab({
  customerId,
  title: givenTitle,
  showCustomers = false,
}: {
  customerId?: string | undefined;
  title?: string;
  /** A Customer column (staff, on the Subscriptions screen). */
  showCustomers?: boolean;
}) {
  const { t } = useTranslation('subscriptions');
  const title = givenTitle ?? t('upcomingRenewals');

  const { renews } = usePermissions();
  const subscriptions = useInfiniteQuery(subscriptionQueries.renewals(customerId));
  // The wallets these renewals are paid from (never every wallet of a reseller).
  const wallets = useQuery(walletQueries.named((subscriptions.data ?? []).map((s) => s.walletId)));
  const notices = useQuery(subscriptionQueries.notices(customerId));
  const walletsById = wallets.data ?? new Map<string, WalletView>();
  const live = subscriptions.data ?? [];
  /** Notices about the coming renewal that the wallet still cannot cover (the server tells 3 days ahead). */
  const current = (notices.data ?? []).filter((n) =>
    live.some(
      (s) =>
        s.id === n.subjectId &&
        covers(s, availableIn(walletsById.get(s.walletId))) === false &&
        Date.parse(s.currentPeriodEnd) - Date.parse(n.createdAt) <= NOTICE_WINDOW_MS,
    ),
  );

  if (subscriptions.isPending) return <LoadingState label={t('loadingRenewals')} compact />;
  if (subscriptions.isError)
    return <ErrorState error={subscriptions.error} onRetry={() => void subscriptions.refetch()} compact />;
  if (live.length === 0)
    return (
      <EmptyState fromCache title={t('noRenewalsComingUp')}>
        {t('subscriptionsFromMonthlyQuarterly')}
      </EmptyState>
    );
  return (
    <>
      {current.length > 0 && (
        <ul className="renewal-notices" aria-label={t('renewalNotices')}>
          {current.map((n) => {
            const sub = live.find((s) => s.id === n.subjectId);
            return (
              <li key={n.id} className="form-message form-message-error">
                {sub ? renewalNoticeWords(sub) : n.message}
              </li>
            );
          })}
        </ul>
      )}
      <p className="muted">{t('renewalsArePaidFrom')}</p>
      <div className="table-wide">
        <table className="data-table" aria-label={title}>
          <thead>
            <tr>
              <th scope="col">{t('subscription')}</th>
              {showCustomers && <th scope="col">{t('customer')}</th>}
              <th scope="col">{t('renewsOn')}</th>
              <th scope="col" className="cell-amount">
                {t('amount')}
              </th>
              <th scope="col">{t('walletCoversIt')}</th>
              <th scope="col">{t('status')}</th>
              {renews && (
                <th scope="col">
                  <span className="visually-hidden">{t('actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {live.map((sub) => (
              <RenewalRow
                key={sub.id}
                sub={sub}
                wallet={walletsById.get(sub.walletId)}
                showCustomer={showCustomers}
                renews={renews}
              />
            ))}
          </tbody>
        </table>
      </div>
      <ShowMore query={subscriptions} shown={live.length} label={t('showLaterRenewals')} order="soonest" />
    </>
  );
}

function RenewalRow({
  sub,
  wallet,
  showCustomer,
  renews,
}: {
  sub: RenewalView;
  wallet: WalletView | undefined;
  showCustomer: boolean;
  /** Renew now and Cancel auto-renew (not for a support agent, who changes nothing). */
  renews: boolean;
}) {
  const { t } = useTranslation('subscriptions');

  const covered = covers(sub, availableIn(wallet));
  const name = `${sub.quantity} × ${sub.productName}`;
  return (
    <tr data-testid="renewal-row">
      <td className="cell-text">
        <RouteLink to={{ page: 'order', orderId: sub.orderId }}>{name}</RouteLink>
      </td>
      {showCustomer && <CustomerCell wallet={wallet} />}
      <td>
        {sub.status === 'past_due' ? (
          // Its renewal day passed unpaid: when it is tried again, and when it ends unless paid.
          <span title={sub.nextAttemptAt ? formatDateTime(sub.nextAttemptAt) : undefined}>
            {renewalDateWords(sub)}
          </span>
        ) : sub.autoRenew ? (
          // The day it renews; the hour, which only the exact period end carries, in the title.
          <time dateTime={sub.currentPeriodEnd} title={formatDateTime(sub.currentPeriodEnd)}>
            {renewalDateWords(sub)}
          </time>
        ) : (
          <span className="muted" title={formatDateTime(sub.currentPeriodEnd)}>
            {renewalDateWords(sub)}
          </span>
        )}
      </td>
      <td className="cell-amount">
        <Money amount={sub.amount} currency={sub.currency} />
      </td>
      <td>
        {covered === null ? (
          '—'
        ) : covered ? (
          <Badge tone="success">{t('covered')}</Badge>
        ) : (
          <Badge tone="warning">{t('notCovered')}</Badge>
        )}
      </td>
      <td>
        <Badge tone={SUBSCRIPTION_STATUS_TONES[sub.status]}>{SUBSCRIPTION_STATUS_LABELS[sub.status]}</Badge>
      </td>
      {renews && <RenewalActions sub={sub} name={name} />}
    </tr>
  );
}

function RenewalActions({ sub, name }: { sub: RenewalView; name: string }) {
  const { t } = useTranslation('subscriptions');

  const renew = useRenewNow();
  const cancel = useCancelAutoRenew();
  // The question stays open over a language switch, asked again in the new language.
  const [confirming, setConfirming] = useKeptOverLanguageSwitch(
    `subscriptions:renew:${sub.id}:confirming`,
    false,
  );
  // One Idempotency-Key per period the customer confirms paying for, kept while the answer is
  // unknown (offline, disconnected): "Renew now" again then pays that period once, not twice.
  const requestName = `subscriptions:renew:${sub.id}`;
  const amount = formatAmount(sub.amount, sub.currency);
  const waitingId = `renewal-waits-${sub.id}`;
  const confirm = () => {
    renew.mutate(
      { subscriptionId: sub.id, requestKey: requestKeyFor(requestName, sub.currentPeriodEnd) },
      {
        onSuccess: () => requestAnswered(requestName),
        onError: (error) => requestAnswered(requestName, error),
        onSettled: () => setConfirming(false),
      },
    );
  };
  return (
    <td>
      <div className="row-actions">
        <button
          type="button"
          className="button"
          // The name says what the button shows, then what it renews (WCAG 2.5.3), in either state.
          aria-label={renew.isPending ? t('renewingName', { name }) : t('renewNow', { name })}
          // Nothing renews before the order is provisioned: the server would refuse it.
          disabled={renew.isPending || sub.provisioningOrder !== null}
          aria-describedby={sub.provisioningOrder !== null ? waitingId : undefined}
          onClick={() => setConfirming(true)}
        >
          {renew.isPending ? t('renewing') : t('renewNow2')}
        </button>
        {sub.autoRenew && (
          <button
            type="button"
            className="button"
            aria-label={
              cancel.isSuccess ? t('autoRenewOffSyncingOf', { name }) : t('cancelAutoRenewOf', { name })
            }
            disabled={cancel.isPending || cancel.isSuccess}
            onClick={() => cancel.mutate({ subscriptionId: sub.id, productName: sub.productName })}
          >
            {cancel.isSuccess ? t('autoRenewOffSyncing') : t('cancelAutoRenew')}
          </button>
        )}
      </div>
      {sub.provisioningOrder !== null && (
        <p className="field-hint" id={waitingId} data-testid="renewal-waits">
          {t('waitsForProvisioning', { order: sub.provisioningOrder })}
        </p>
      )}
      {renew.isSuccess && (
        <FormMessage tone="success">
          {t('renewedUntil', { date: formatDateTime(renew.data.subscription.currentPeriodEnd) })}
        </FormMessage>
      )}
      {renew.isError && <FormMessage tone="error">{errorMessage(renew.error)}</FormMessage>}
      {/* Money leaves the wallet at once: said, and asked, before it does. */}
      <Dialog
        open={confirming}
        title={t('renewNowQuestion', { name })}
        description={renewNowWords(sub, amount)}
        onClose={() => setConfirming(false)}
      >
        <ConfirmActions
          backLabel={t('goBack')}
          confirmLabel={t('payAndRenew', { amount })}
          pending={renew.isPending}
          onBack={() => setConfirming(false)}
          onConfirm={confirm}
        />
      </Dialog>
      {cancel.isError && <FormMessage tone="error">{errorMessage(cancel.error)}</FormMessage>}
    </td>
  );
}

/** What the wallet can spend now; undefined while it is not loaded (the row then says "—"). */
const availableIn = (wallet: WalletView | undefined) => wallet && wallet.balance - wallet.pendingCharges;

import { useQuery } from '@tanstack/react-query';
import { Badge } from '../components/Badge';
import { Money } from '../components/Money';
import { RouteLink } from '../components/RouteLink';
import { usePermissions } from '../connection/queries';
import { formatDateTime } from '../lib/format';
import { walletQueries } from '../wallet/queries';
import { paymentBadges, PROVIDER_LABELS } from './payment-labels';
import { expiryDate, lateMoneyText, ledgerRowRoute, settledDate, walletName } from './payment-facts';
import { paymentQueries } from './queries';
import { useTranslation } from 'react-i18next';

/**
 * Everything that tells one payment from another: whose wallet, how much and at what fee, when it
 * was made, paid and due, the provider's own reference, and the ledger row that credited it.
 */
export function PaymentFacts({ paymentId }: { paymentId: string }) {
  const { t } = useTranslation('payments');

  const track = useQuery(paymentQueries.track(paymentId));
  const payment = track.data?.kind === 'payment' ? track.data.payment : null;
  const wallet = useQuery({ ...walletQueries.detail(payment?.walletId ?? ''), enabled: payment !== null });
  // Where staff applied its money when it arrived after the payment ended (named only to staff).
  const lateWalletId = payment?.lateMoney?.walletId ?? null;
  const lateWallet = useQuery({
    ...walletQueries.detail(lateWalletId ?? ''),
    enabled: lateWalletId !== null,
  });
  const permissions = usePermissions();
  if (!payment) return null;
  const late = lateMoneyText(payment, lateWallet.data);
  const settled = settledDate(payment);
  const expiry = expiryDate(payment);
  const ledger = ledgerRowRoute(payment);
  const w = wallet.data;

  return (
    <section className="card payment-facts" aria-labelledby="payment-facts-title">
      <h2 id="payment-facts-title" className="section-title">
        {t('details')}
      </h2>
      <dl className="details">
        <div>
          <dt>{t('wallet')}</dt>
          <dd>
            {w ? (
              <RouteLink to={{ page: 'wallet', walletId: w.id }}>{walletName(w)}</RouteLink>
            ) : (
              <span className="mono">{payment.walletId}</span>
            )}
            {w && permissions.seesCustomers && (
              <>
                {' · '}
                <RouteLink to={{ page: 'customer', customerId: w.customerId }}>{t('customer')}</RouteLink>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('amount')}</dt>
          <dd>
            <Money amount={payment.amount} currency={payment.currency} />
          </dd>
        </div>
        <div>
          <dt>{t('fee')}</dt>
          <dd>
            <Money amount={payment.fee} currency={payment.currency} />
          </dd>
        </div>
        <div>
          <dt>{t('method')}</dt>
          <dd>{PROVIDER_LABELS[payment.provider]}</dd>
        </div>
        <div>
          <dt>{t('status')}</dt>
          <dd className="badges">
            {paymentBadges(payment).map((b) => (
              <Badge key={b.label} tone={b.tone}>
                {b.label}
              </Badge>
            ))}
          </dd>
        </div>
        {late && payment.lateMoney && (
          <div>
            <dt>{t('top-up:lateMoney.label')}</dt>
            <dd data-testid="payment-late-money">
              {lateWallet.data && payment.lateMoney.walletId !== payment.walletId ? (
                <RouteLink to={{ page: 'wallet', walletId: lateWallet.data.id }}>{late}</RouteLink>
              ) : (
                late
              )}{' '}
              <time dateTime={payment.lateMoney.at}>{formatDateTime(payment.lateMoney.at)}</time>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('created')}</dt>
          <dd>
            <time dateTime={payment.createdAt}>{formatDateTime(payment.createdAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{settled.label}</dt>
          <dd>
            <time dateTime={settled.at}>{formatDateTime(settled.at)}</time>
          </dd>
        </div>
        {expiry && (
          <div>
            <dt>{expiry.label}</dt>
            <dd>
              <time dateTime={expiry.at}>{formatDateTime(expiry.at)}</time>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('providerReference')}</dt>
          <dd>
            {payment.providerReference ? (
              <span className="mono">{payment.providerReference}</span>
            ) : (
              <span className="muted">{t('noneYetNoCheckout')}</span>
            )}
          </dd>
        </div>
        {payment.chainTxids && payment.chainTxids.length > 0 && (
          <div>
            <dt>{payment.chainTxids.length === 1 ? t('chainTransaction') : t('chainTransactions')}</dt>
            <dd>
              {payment.chainTxids.map((txid) => (
                <span key={txid} className="mono break chain-txid">
                  {txid}
                </span>
              ))}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('ledgerRow')}</dt>
          <dd>
            {ledger ? (
              <RouteLink to={ledger}>{t('viewTheCreditIn')}</RouteLink>
            ) : (
              <span className="muted">{t('notCredited')}</span>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}

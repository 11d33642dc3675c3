import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Badge } from '../components/Badge';
import { Money } from '../components/Money';
import { usePermissions } from '../connection/queries';
import { asCurrency, formatDateTime } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { paymentQueries } from './queries';
import { RefundDialog } from './RefundDialog';
import { refundQueries } from './refunds';
import { useTranslation } from 'react-i18next';
import type { Refund } from '../../shared/api/refunds';
import { refundStatusLabel } from './refund-status';

/**
 * What went back out of a paid top-up: refunds to its source or paid out by hand, and money the
 * provider took back later (a dispute, a reversal). Staff see the list; admins refund from here.
 */
export function PaymentRefunds({ paymentId }: { paymentId: string }) {
  const { t } = useTranslation('payments');

  const permissions = usePermissions();
  const track = useQuery(paymentQueries.track(paymentId));
  const payment = track.data?.kind === 'payment' ? track.data.payment : null;
  const refunds = useQuery({
    ...refundQueries.forPayment(paymentId),
    enabled: payment !== null && permissions.seesCustomers,
  });
  const [open, setOpen] = useState(false);
  const currency = asCurrency(payment?.currency);
  if (!payment || !currency || payment.status !== 'paid') return null;
  const refunded = payment.refundedAmount ?? 0;
  const reversed = payment.reversedAmount ?? 0;
  const refundable = Math.max(0, payment.amount - refunded - reversed);

  return (
    <section className="card payment-facts" aria-labelledby="payment-refunds-title">
      <h2 id="payment-refunds-title" className="section-title">
        {t('refunds')}
      </h2>
      <p className="badges">
        {payment.refundStatus === 'refunded' && <Badge tone="neutral">{t('refunded')}</Badge>}
        {payment.refundStatus === 'partially_refunded' && <Badge tone="info">{t('partiallyRefunded')}</Badge>}
        {payment.disputeStatus === 'open' && <Badge tone="danger">{t('disputed')}</Badge>}
        {payment.disputeStatus === 'won' && <Badge tone="success">{t('disputeWon')}</Badge>}
        {payment.disputeStatus === 'lost' && <Badge tone="danger">{t('disputeLost')}</Badge>}
        {reversed > 0 && (
          <Badge tone="danger">
            {t('reversed')} <Money amount={reversed} currency={currency} />
          </Badge>
        )}
      </p>
      <dl className="details">
        <div>
          <dt>{t('refunded')}</dt>
          <dd>
            <Money amount={refunded} currency={currency} />
          </dd>
        </div>
        <div>
          <dt>{t('stillRefundable')}</dt>
          <dd>
            <Money amount={refundable} currency={currency} />
          </dd>
        </div>
      </dl>
      {permissions.seesCustomers &&
        (refunds.isError ? (
          <p className="muted">{errorMessage(refunds.error)}</p>
        ) : (refunds.data ?? []).length === 0 ? (
          <p className="muted">{refunds.isPending ? t('loadingRefunds') : t('noRefundsYet')}</p>
        ) : (
          <ul aria-label={t('refundsOfThisPayment')}>
            {(refunds.data ?? []).map((r) => (
              <li key={r.id}>
                <Money amount={r.amount} currency={currency} /> <RefundStatusBadge refund={r} />{' '}
                {r.method === 'manual'
                  ? t('paidOutTo', { value: r.destination ?? '—', value2: r.reference ?? '' })
                  : t('toTheOriginalMethod')}
                {' · '}
                {r.reason} · <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>
              </li>
            ))}
          </ul>
        ))}
      {permissions.writes && refundable > 0 && (
        <div className="button-row">
          <button type="button" className="button" onClick={() => setOpen(true)}>
            {t('refund')}
          </button>
        </div>
      )}
      {open && (
        <RefundDialog
          payment={payment}
          currency={currency}
          refundable={refundable}
          onClose={() => setOpen(false)}
        />
      )}
    </section>
  );
}

function RefundStatusBadge({ refund }: { refund: Refund }) {
  const { t } = useTranslation('payments');
  const { labelKey, tone, values } = refundStatusLabel(refund);
  return <Badge tone={tone}>{labelKey ? t(labelKey, values ?? {}) : refund.status}</Badge>;
}

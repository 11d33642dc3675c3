import { useQuery } from '@tanstack/react-query';
import { Icon } from '../components/Icon';
import { ReceiptInvoice } from '../invoices/ReceiptInvoice';
import { PageHeader } from '../components/PageHeader';
import { RouteLink } from '../components/RouteLink';
import { usePermissions } from '../connection/queries';
import { useUi } from '../shell/ui-store';
import { TopUpProgress } from '../top-up/TopUpProgress';
import { PaymentCryptoAddress } from './PaymentCryptoAddress';
import { PaymentFacts } from './PaymentFacts';
import { PaymentRefunds } from './PaymentRefunds';
import { PaymentSupport } from './PaymentSupport';
import { paymentQueries } from './queries';
import '../top-up/top-up.css';
import { useTranslation } from 'react-i18next';

/** One payment: its status, live, and its hosted page or QR code again while it can be paid. */
export function PaymentPage({ paymentId }: { paymentId: string }) {
  const { t } = useTranslation('payments');

  const permissions = usePermissions();
  const navigated = useUi((state) => state.navigated);
  // "Try again" starts over where this payment began: its invoice, or a top-up of its own wallet
  // (not whichever wallet the header shows).
  const track = useQuery(paymentQueries.track(paymentId));
  const payment = track.data?.kind === 'payment' ? track.data.payment : null;
  const again = () =>
    navigated(
      payment?.invoiceId
        ? { page: 'invoice', invoiceId: payment.invoiceId }
        : payment
          ? { page: 'top-up', walletId: payment.walletId }
          : { page: 'top-up' },
    );
  return (
    <div className="page">
      <RouteLink to={{ page: 'payments' }} className="back-link">
        <Icon name="back" size={16} />
        {t('allPayments')}
      </RouteLink>
      <PageHeader title={t('payment')} subtitle={<span className="mono">{paymentId}</span>} />
      <section className="card top-up-card" aria-label={t('payment')}>
        <TopUpProgress
          paymentId={paymentId}
          canAct={permissions.topsUp}
          {...(permissions.topsUp ? { onAgain: again } : {})}
        />
      </section>
      <PaymentFacts paymentId={paymentId} />
      <PaymentCryptoAddress paymentId={paymentId} />
      <PaymentSupport paymentId={paymentId} />
      <PaymentRefunds paymentId={paymentId} />
      <ReceiptInvoice paymentId={paymentId} />
    </div>
  );
}

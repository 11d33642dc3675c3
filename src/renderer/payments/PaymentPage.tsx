import { Icon } from '../components/Icon';
import { ReceiptInvoice } from '../invoices/ReceiptInvoice';
import { PageHeader } from '../components/PageHeader';
import { RouteLink } from '../components/RouteLink';
import { usePermissions } from '../connection/queries';
import { useUi } from '../shell/ui-store';
import { TopUpProgress } from '../top-up/TopUpProgress';
import { PaymentFacts } from './PaymentFacts';
import { PaymentRefunds } from './PaymentRefunds';
import { PaymentSupport } from './PaymentSupport';
import '../top-up/top-up.css';

/** One payment: its status, live, and its hosted page or QR code again while it can be paid. */
export function PaymentPage({ paymentId }: { paymentId: string }) {
  const permissions = usePermissions();
  const navigated = useUi((state) => state.navigated);
  return (
    <div className="page">
      <RouteLink to={{ page: 'payments' }} className="back-link">
        <Icon name="back" size={16} />
        All payments
      </RouteLink>
      <PageHeader title="Payment" subtitle={<span className="mono">{paymentId}</span>} />
      <section className="card top-up-card" aria-label="Payment">
        <TopUpProgress
          paymentId={paymentId}
          canAct={permissions.topsUp}
          {...(permissions.topsUp ? { onAgain: () => navigated({ page: 'top-up' }) } : {})}
        />
      </section>
      <PaymentFacts paymentId={paymentId} />
      <PaymentSupport paymentId={paymentId} />
      <PaymentRefunds paymentId={paymentId} />
      <ReceiptInvoice paymentId={paymentId} />
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import { ReportProblem } from '../tickets/ReportProblem';
import { paymentQueries } from './queries';
import { VerifyPayment } from './VerifyPayment';

/** On a payment's page: "Verify my payment" (crypto, VietQR) and "Report a problem". */
export function PaymentSupport({ paymentId }: { paymentId: string }) {
  const track = useQuery(paymentQueries.track(paymentId));
  if (track.data?.kind !== 'payment') return null;
  const payment = track.data.payment;
  return (
    <>
      {payment.status !== 'paid' && <VerifyPayment paymentId={payment.id} provider={payment.provider} />}
      <ReportProblem about={{ kind: 'payment', id: payment.id }} customerId={payment.customerId} />
    </>
  );
}

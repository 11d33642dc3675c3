import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormMessage } from '../components/Field';
import { RouteLink } from '../components/RouteLink';
import { usePermissions } from '../connection/queries';
import { desktop } from '../bridge';
import { call, errorMessage } from '../lib/ipc';
import { paymentQueries } from '../payments/queries';
import { useUi } from '../shell/ui-store';
import { invoiceQueries } from './queries';

/**
 * The invoice (receipt) of a paid top-up: a link to it once issued, else "Request invoice" for the
 * customer or the reseller admin. The server issues one per payment, so a second request (from
 * another device, say) opens the same invoice.
 */
export function ReceiptInvoice({ paymentId }: { paymentId: string }) {
  const permissions = usePermissions();
  const navigated = useUi((state) => state.navigated);
  const queryClient = useQueryClient();
  const track = useQuery(paymentQueries.track(paymentId));
  const payment = track.data?.kind === 'payment' ? track.data.payment : null;
  const receipt = useQuery({
    queryKey: [...invoiceQueries.all, 'receipt-of', paymentId] as const,
    queryFn: () => call(desktop().invoicesReceiptOf({ paymentId })),
    meta: { tables: ['invoices'] },
    enabled: payment?.status === 'paid',
  });
  const request = useMutation({
    mutationFn: () => call(desktop().invoicesRequestReceipt({ paymentId })),
    onSuccess: (invoice) => {
      void queryClient.invalidateQueries({ queryKey: invoiceQueries.all });
      navigated({ page: 'invoice', invoiceId: invoice.id });
    },
  });
  if (!payment || payment.status !== 'paid') return null;

  return (
    <section className="card payment-facts" aria-labelledby="payment-invoice-title">
      <h2 id="payment-invoice-title" className="section-title">
        Invoice
      </h2>
      {receipt.data ? (
        <p>
          Invoice{' '}
          <RouteLink to={{ page: 'invoice', invoiceId: receipt.data.id }}>
            {receipt.data.number ?? receipt.data.id}
          </RouteLink>{' '}
          was issued for this top-up.
        </p>
      ) : permissions.topsUp ? (
        <>
          <p className="muted">
            Need an invoice for your records? It is issued as paid, with its own number.
          </p>
          <button
            type="button"
            className="button"
            onClick={() => request.mutate()}
            disabled={request.isPending}
          >
            {request.isPending ? 'Requesting…' : 'Request invoice'}
          </button>
          {request.error && <FormMessage tone="error">{errorMessage(request.error)}</FormMessage>}
        </>
      ) : (
        <p className="muted">No invoice was requested for this top-up.</p>
      )}
    </section>
  );
}

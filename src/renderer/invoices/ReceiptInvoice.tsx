import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormMessage } from '../components/Field';
import { RouteLink } from '../components/RouteLink';
import { usePermissions } from '../connection/queries';
import { desktop } from '../bridge';
import { call, errorMessage } from '../lib/ipc';
import { paymentQueries } from '../payments/queries';
import { useUi } from '../shell/ui-store';
import { invoiceQueries } from './queries';
import { Trans, useTranslation } from 'react-i18next';

/**
 * The invoice (receipt) of a paid top-up: a link to it once issued, else "Request invoice" for the
 * customer or the reseller admin. The server issues one per payment, so a second request (from
 * another device, say) opens the same invoice.
 */
export function ReceiptInvoice({ paymentId }: { paymentId: string }) {
  const { t } = useTranslation('invoices');

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
        {t('invoice2')}
      </h2>
      {receipt.data ? (
        <p>
          <Trans
            t={t}
            i18nKey="invoiceIssuedForThisTopUp"
            values={{ number: receipt.data.number ?? receipt.data.id }}
            components={{ route: <RouteLink to={{ page: 'invoice', invoiceId: receipt.data.id }} /> }}
          />
        </p>
      ) : permissions.topsUp ? (
        <>
          <p className="muted">{t('needAnInvoiceFor')}</p>
          <button
            type="button"
            className="button"
            onClick={() => request.mutate()}
            disabled={request.isPending}
          >
            {request.isPending ? t('requesting') : t('requestInvoice')}
          </button>
          {request.error && <FormMessage tone="error">{errorMessage(request.error)}</FormMessage>}
        </>
      ) : (
        <p className="muted">{t('noInvoiceWasRequested')}</p>
      )}
    </section>
  );
}

import type { PaymentReview } from '../../shared/api/payments';
import { Dialog } from '../components/Dialog';
import { FormMessage } from '../components/Field';
import { ConfirmActions } from '../components/FormActions';
import { formatAmount } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { useApplyReview } from './review-queries';
import { useTranslation } from 'react-i18next';

/**
 * Staff confirm applying the money of a checkout cancelled, then paid anyway, to the invoice it was
 * opened for (still open, from the cache): the API credits the wallet once and pays the invoice up
 * to that amount. Needs a connection, and says so when there is none.
 */
export function ApplyToInvoiceDialog({
  review,
  invoiceNumber,
  onClose,
}: {
  review: PaymentReview & { amount: number; currency: string };
  invoiceNumber: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('payments');
  const apply = useApplyReview();
  const amount = formatAmount(review.amount, review.currency);

  return (
    <Dialog
      open
      title={t('applyToInvoice.title')}
      description={t('applyToInvoice.description')}
      onClose={onClose}
    >
      <p>{t('applyToInvoice.confirm', { amount, invoice: invoiceNumber })}</p>
      {apply.isError && <FormMessage tone="error">{errorMessage(apply.error)}</FormMessage>}
      <ConfirmActions
        backLabel={t('cancel')}
        confirmLabel={apply.isPending ? t('applying') : t('applyToInvoice.submit')}
        onBack={onClose}
        onConfirm={() => apply.mutate({ reviewId: review.id, invoice: true }, { onSuccess: onClose })}
        pending={apply.isPending}
      />
    </Dialog>
  );
}

import type { PaymentReview } from '../../shared/api/payments';
import { Dialog } from '../components/Dialog';
import { FormMessage } from '../components/Field';
import { ConfirmActions } from '../components/FormActions';
import { errorMessage } from '../lib/ipc';
import { useResolveReview } from './review-queries';
import { resolveWithoutCreditingText } from './review-words';
import { useTranslation } from 'react-i18next';

/**
 * "Mark resolved" on a review that still holds money asks first: resolved, it can no longer be
 * applied, so the money that arrived is credited nowhere by the console, and a payment held for the
 * review is closed with it (`closesPayment`). Go back is focused first.
 */
export function ResolveReviewDialog({
  review,
  closesPayment,
  onClose,
}: {
  review: PaymentReview & { amount: number; currency: string };
  closesPayment: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('payments');
  const resolve = useResolveReview();

  return (
    <Dialog
      open
      title={t('resolveMoney.title')}
      description={resolveWithoutCreditingText(review, closesPayment)}
      onClose={onClose}
    >
      {resolve.isError && <FormMessage tone="error">{errorMessage(resolve.error)}</FormMessage>}
      <ConfirmActions
        danger
        backLabel={t('goBack')}
        confirmLabel={t('resolveMoney.submit')}
        onBack={onClose}
        onConfirm={() => resolve.mutate({ reviewId: review.id }, { onSuccess: onClose })}
        pending={resolve.isPending}
      />
    </Dialog>
  );
}

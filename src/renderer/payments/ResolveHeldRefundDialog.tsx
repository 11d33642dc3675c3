import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeldRefundOutcome, PaymentReview } from '../../shared/api/payments';
import { Dialog } from '../components/Dialog';
import { FormMessage } from '../components/Field';
import { ConfirmActions } from '../components/FormActions';
import { errorMessage } from '../lib/ipc';
import { useResolveReview } from './review-queries';
import type { heldRefundChoices } from './review-words';
// The radio list's look, as the top-up's method list (the Payments page loads it too).
import '../top-up/top-up.css';

/**
 * "Mark resolved" on the review of a refund held for staff (its provider never answered, and it can
 * be neither looked up nor asked again) asks what staff found at the provider: made (the refund ends
 * refunded) or not made (it ends failed, and its wallet is credited back). The API refuses to resolve
 * it without that answer. Nothing is chosen for them; the radios are native, so arrow keys move
 * between them and each reads its whole sentence as its name.
 */
export function ResolveHeldRefundDialog({
  review,
  choices,
  onClose,
}: {
  review: PaymentReview;
  choices: NonNullable<ReturnType<typeof heldRefundChoices>>;
  onClose: () => void;
}) {
  const { t } = useTranslation('payments');
  const resolve = useResolveReview();
  const name = useId();
  const [outcome, setOutcome] = useState<HeldRefundOutcome | null>(null);
  const [missing, setMissing] = useState(false);
  const errorId = `${name}-error`;

  return (
    <Dialog
      open
      title={t('resolveHeldRefund.title')}
      description={t('resolveHeldRefund.final')}
      onClose={onClose}
    >
      {resolve.isError && <FormMessage tone="error">{errorMessage(resolve.error)}</FormMessage>}
      <fieldset
        className={missing ? 'method-list field-invalid' : 'method-list'}
        aria-describedby={missing ? errorId : undefined}
      >
        <legend>{choices.question}</legend>
        {choices.choices.map((choice) => (
          <label key={choice.outcome} className="method">
            <input
              type="radio"
              name={name}
              value={choice.outcome}
              checked={outcome === choice.outcome}
              onChange={() => {
                setOutcome(choice.outcome);
                setMissing(false);
              }}
            />
            <span className="method-text">
              <span className="method-label">{choice.label}</span>
            </span>
          </label>
        ))}
        {missing && (
          <p id={errorId} className="field-error" role="alert">
            {t('resolveHeldRefund.choose')}
          </p>
        )}
      </fieldset>
      <ConfirmActions
        backLabel={t('goBack')}
        confirmLabel={t('resolveHeldRefund.submit')}
        onBack={onClose}
        onConfirm={() => {
          if (outcome === null) {
            setMissing(true);
            return;
          }
          resolve.mutate({ reviewId: review.id, refund: outcome }, { onSuccess: onClose });
        }}
        pending={resolve.isPending}
      />
    </Dialog>
  );
}

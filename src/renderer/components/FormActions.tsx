import { useTranslation } from 'react-i18next';

/** A form's Cancel and submit buttons; the submit button says `pendingLabel` while its write runs. */
export function FormActions({
  onCancel,
  pending,
  submitLabel,
  pendingLabel,
}: {
  onCancel: () => void;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
}) {
  const { t } = useTranslation('components');

  return (
    <div className="form-actions">
      <button type="button" className="button button-ghost" onClick={onCancel}>
        {t('cancel')}
      </button>
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </button>
    </div>
  );
}

/**
 * A confirmation dialog's two buttons: the way back, and the act itself (disabled while it runs).
 * `danger` for acts that delete or void.
 */
export function ConfirmActions({
  backLabel,
  confirmLabel,
  onBack,
  onConfirm,
  pending,
  danger = false,
}: {
  backLabel: string;
  confirmLabel: string;
  onBack: () => void;
  onConfirm: () => void;
  pending: boolean;
  danger?: boolean;
}) {
  return (
    <div className="form-actions">
      <button type="button" className="button" onClick={onBack}>
        {backLabel}
      </button>
      <button
        type="button"
        className={danger ? 'button button-danger' : 'button button-primary'}
        disabled={pending}
        onClick={onConfirm}
      >
        {confirmLabel}
      </button>
    </div>
  );
}

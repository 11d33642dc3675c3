import { useTranslation } from 'react-i18next'; /** A form's Cancel and submit buttons; the submit button says `pendingLabel` while its write runs. */
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

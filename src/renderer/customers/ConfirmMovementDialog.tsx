import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import type { MovementStep } from './movement-confirmation';

/**
 * The question a movement above the reseller's confirmation amount asks before it is queued (a
 * merchant credit or adjustment, a new wallet's initial balance): open while `step` is `confirm`.
 */
export function ConfirmMovementDialog({
  step,
  onBack,
  onConfirm,
}: {
  step: MovementStep;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation('customers');
  return (
    <Dialog
      open={step.kind === 'confirm'}
      title={t('confirmALargeAmount')}
      description={step.kind === 'confirm' ? step.question : undefined}
      onClose={onBack}
    >
      <div className="form-actions">
        <button type="button" className="button button-ghost" onClick={onBack}>
          {t('goBack')}
        </button>
        <button type="button" className="button button-primary" onClick={onConfirm}>
          {step.kind === 'confirm' ? step.confirmLabel : t('confirm')}
        </button>
      </div>
    </Dialog>
  );
}

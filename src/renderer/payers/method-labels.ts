import type { SavedMethod } from '../../shared/api/payments';
import type { BadgeTone } from '../components/Badge';
import { i18n } from '../i18n';

/** A saved method's status as a badge; the label is read in the current language on each access. */
export const SAVED_METHOD_STATUS: Record<SavedMethod['status'], { label: string; tone: BadgeTone }> = {
  pending: {
    get label() {
      return i18n.t('payers:methodStatus.pending');
    },
    tone: 'pending',
  },
  confirmed: {
    get label() {
      return i18n.t('payers:methodStatus.confirmed');
    },
    tone: 'success',
  },
  failed: {
    get label() {
      return i18n.t('payers:methodStatus.failed');
    },
    tone: 'danger',
  },
};

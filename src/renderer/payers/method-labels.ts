import type { SavedMethod } from '../../shared/api/payments';
import type { BadgeTone } from '../components/Badge';

export const SAVED_METHOD_STATUS: Record<SavedMethod['status'], { label: string; tone: BadgeTone }> = {
  pending: { label: 'Pending check', tone: 'pending' },
  confirmed: { label: 'Confirmed', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
};

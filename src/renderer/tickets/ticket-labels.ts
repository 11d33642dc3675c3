import { translatedLabels } from '../i18n';
import type { TicketStatus, TicketSubjectKind } from '../../shared/api/tickets';
import type { BadgeTone } from '../components/Badge';

export const TICKET_STATUS_LABELS = translatedLabels<TicketStatus>('tickets', 'ticketStatus', [
  'open',
  'waiting_on_customer',
  'resolved',
]);

export const TICKET_STATUS_TONES: Record<TicketStatus, BadgeTone> = {
  open: 'warning',
  waiting_on_customer: 'neutral',
  resolved: 'success',
};

export const SUBJECT_LABELS = translatedLabels<TicketSubjectKind>('tickets', 'subject', [
  'payment',
  'invoice',
  'order',
]);

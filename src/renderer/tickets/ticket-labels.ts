import type { TicketStatus, TicketSubjectKind } from '../../shared/api/tickets';
import type { BadgeTone } from '../components/Badge';

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  open: 'Open',
  waiting_on_customer: 'Waiting on customer',
  resolved: 'Resolved',
};

export const TICKET_STATUS_TONES: Record<TicketStatus, BadgeTone> = {
  open: 'warning',
  waiting_on_customer: 'neutral',
  resolved: 'success',
};

export const SUBJECT_LABELS: Record<TicketSubjectKind, string> = {
  payment: 'Payment',
  invoice: 'Invoice',
  order: 'Order',
};

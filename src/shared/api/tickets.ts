import { z } from 'zod';
import { cursorSchema, idSchema, limitSchema, timestampSchema } from './common.js';

export const ticketStatuses = ['open', 'waiting_on_customer', 'resolved'] as const;
export const ticketStatusSchema = z.enum(ticketStatuses, {
  error: `must be one of ${ticketStatuses.join(', ')}`,
});
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

/** What a ticket may be about: the record "Report a problem" was pressed on. */
export const ticketSubjectKindSchema = z.enum(['payment', 'invoice', 'order'], {
  error: 'must be payment, invoice or order',
});
export type TicketSubjectKind = z.infer<typeof ticketSubjectKindSchema>;

export const ticketMessageSchema = z.object({
  id: idSchema,
  /** Which side wrote it: the customer, or the reseller's staff (admin or support agent). */
  authorSide: z.enum(['customer', 'staff']),
  authorName: z.string(),
  body: z.string(),
  createdAt: timestampSchema,
});
export type TicketMessage = z.infer<typeof ticketMessageSchema>;

/** A ticket with its whole thread (threads are short: a support conversation, not a log). */
export const ticketSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  subject: z.string(),
  status: ticketStatusSchema,
  about: z.object({ kind: ticketSubjectKindSchema, id: idSchema }).nullable(),
  assigneeUserId: idSchema.nullable(),
  openedBy: z.string(),
  messages: z.array(ticketMessageSchema),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Ticket = z.infer<typeof ticketSchema>;

const messageBody = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(10_000, { error: 'must be at most 10000 characters' });

export const openTicketBody = z.strictObject({
  /** Required for staff opening a ticket for a customer; a customer's own is implied. */
  customerId: idSchema.optional(),
  subject: z
    .string({ error: 'must be text' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(200, { error: 'must be at most 200 characters' }),
  message: messageBody,
  about: z.strictObject({ kind: ticketSubjectKindSchema, id: idSchema }).optional(),
});
export type OpenTicketBody = z.infer<typeof openTicketBody>;

export const replyTicketBody = z.strictObject({
  message: messageBody,
  /** Staff only: the status the reply leaves the ticket in (default: waiting on customer). */
  status: ticketStatusSchema.optional(),
});
export type ReplyTicketBody = z.infer<typeof replyTicketBody>;

/** Staff: change the status or the assignee (null unassigns). At least one of the two. */
export const updateTicketBody = z
  .strictObject({
    status: ticketStatusSchema.optional(),
    assigneeUserId: idSchema.nullable().optional(),
  })
  .refine((b) => b.status !== undefined || b.assigneeUserId !== undefined, {
    error: 'give a status or an assigneeUserId',
    path: ['status'],
  });
export type UpdateTicketBody = z.infer<typeof updateTicketBody>;

export const listTicketsQuery = z.strictObject({
  status: ticketStatusSchema.optional(),
  /** A user id, or "none" for the unassigned queue. */
  assignee: z.string().min(1).max(64).optional(),
  about: idSchema.optional(),
  customerId: idSchema.optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type ListTicketsQuery = z.infer<typeof listTicketsQuery>;

export const ticketListSchema = z.object({ items: z.array(ticketSchema), nextCursor: z.string().nullable() });
export type TicketList = z.infer<typeof ticketListSchema>;

/** Someone a ticket may be assigned to: an active admin or support agent of the reseller. */
export const ticketAssigneeSchema = z.object({
  id: idSchema,
  /** Users have no display name: their sign-in email is the name the thread shows too. */
  name: z.string(),
  role: z.enum(['reseller_admin', 'support_agent']),
});
export type TicketAssignee = z.infer<typeof ticketAssigneeSchema>;

export const ticketAssigneeListSchema = z.object({ items: z.array(ticketAssigneeSchema) });
export type TicketAssigneeList = z.infer<typeof ticketAssigneeListSchema>;

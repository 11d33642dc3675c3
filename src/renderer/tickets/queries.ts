import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { TicketStatus } from '../../shared/api/tickets';
import type { ChannelInput } from '../../shared/ipc-contract';
import { desktop } from '../bridge';
import { call } from '../lib/ipc';
import { byActivity, keysetPages } from '../lib/keyset-pages';
import { paymentQueries } from '../payments/queries';

export interface TicketFilter {
  status?: TicketStatus;
  /** "none": nobody assigned. */
  assignee?: string;
  about?: string;
}

export const ticketQueries = {
  all: ['tickets'] as const,
  /** Every ticket, latest activity first, a page at a time ("Show older tickets"). */
  pages: (filter: TicketFilter) =>
    keysetPages(
      [...ticketQueries.all, 'pages', filter],
      (olderThan, limit) => call(desktop().ticketsList({ ...filter, olderThan, limit })),
      ['tickets'],
      byActivity,
    ),
  detail: (ticketId: string) =>
    queryOptions({
      queryKey: [...ticketQueries.all, 'detail', ticketId] as const,
      queryFn: () => call(desktop().ticketsGet({ ticketId })),
      meta: { tables: ['tickets'] },
    }),
  /** Staff: who a ticket may be assigned to; asks the billing API (so it needs a connection). */
  assignees: () =>
    queryOptions({
      queryKey: [...ticketQueries.all, 'assignees'] as const,
      queryFn: () => call(desktop().ticketsAssignees({})),
      meta: { tables: ['session'] },
      retry: false,
    }),
};

function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ticketQueries.all });
  };
}

/** Queued in the outbox (sent when online): "Report a problem" works offline. */
export function useOpenTicket() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ChannelInput<'tickets:open'>) => call(desktop().ticketsOpen(input)),
    onSuccess: refresh,
  });
}

/** Queued in the outbox too: a reply written offline is sent when the console is back online. */
export function useReplyToTicket() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ChannelInput<'tickets:reply'>) => call(desktop().ticketsReply(input)),
    onSuccess: refresh,
  });
}

export function useUpdateTicket() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ChannelInput<'tickets:update'>) => call(desktop().ticketsUpdate(input)),
    onSuccess: refresh,
  });
}

/** Asks the billing API now; the payment it answers with is in the cache when this resolves. */
export function useVerifyPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'payments:verify'>) => call(desktop().paymentsVerify(input)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: paymentQueries.all }),
  });
}

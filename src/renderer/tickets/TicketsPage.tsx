import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { TicketStatus } from '../../shared/api/tickets';
import { Badge } from '../components/Badge';
import { SelectField } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { RouteLink } from '../components/RouteLink';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { usePermissions, useSession } from '../connection/queries';
import { formatDateTime } from '../lib/format';
import { ticketQueries, type TicketFilter } from './queries';
import { SUBJECT_LABELS, TICKET_STATUS_LABELS, TICKET_STATUS_TONES } from './ticket-labels';

type AssigneeFilter = '' | 'none' | 'me';

/** Staff: the support queue (by status and assignee). A customer: "My tickets". From the cache. */
export function TicketsPage() {
  const permissions = usePermissions();
  const staff = permissions.seesCustomers;
  const [status, setStatus] = useState<TicketStatus | ''>(staff ? 'open' : '');
  const me = useSession().data?.userId ?? null;
  const [assignee, setAssignee] = useState<AssigneeFilter>('');
  const filter: TicketFilter = {
    ...(status ? { status } : {}),
    ...(assignee === 'none' ? { assignee } : {}),
    // "Assigned to me" reads the cache by the signed-in user's id, so it works offline too.
    ...(assignee === 'me' && me ? { assignee: me } : {}),
  };
  const tickets = useQuery(ticketQueries.list(filter));
  // Names for the Assignee column when online; offline the queue still says "Me" or "Assigned".
  const assignees = useQuery({ ...ticketQueries.assignees(), enabled: staff });
  const names = new Map((assignees.data ?? []).map((a) => [a.id, a.name]));
  return (
    <div className="page">
      <PageHeader
        title={staff ? 'Support queue' : 'My tickets'}
        subtitle={staff ? 'Tickets from your customers' : 'Problems you reported, and the answers'}
      />
      <div className="toolbar" role="group" aria-label="Filters">
        <SelectField
          label="Status"
          inline
          value={status}
          onChange={(e) => setStatus(e.target.value as TicketStatus | '')}
        >
          <option value="">Any status</option>
          {Object.entries(TICKET_STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        {staff && (
          <SelectField
            label="Assignee"
            inline
            value={assignee}
            onChange={(e) => setAssignee(e.target.value as AssigneeFilter)}
          >
            <option value="">Anyone</option>
            {/* An API-key session is nobody's "me". */}
            {me && <option value="me">Assigned to me</option>}
            <option value="none">Unassigned</option>
          </SelectField>
        )}
      </div>
      <section className="card" aria-label="Tickets">
        {tickets.isPending ? (
          <LoadingState label="Loading tickets…" compact />
        ) : tickets.isError ? (
          <ErrorState error={tickets.error} onRetry={() => void tickets.refetch()} compact />
        ) : tickets.data.length === 0 ? (
          <EmptyState title={status || assignee ? 'No tickets match these filters' : 'No tickets yet'}>
            {staff
              ? 'Customers open tickets with "Report a problem" on a payment, invoice or order.'
              : 'Use "Report a problem" on a payment, invoice or order to ask for help.'}
          </EmptyState>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Subject</th>
                <th scope="col">About</th>
                <th scope="col">Status</th>
                {staff && <th scope="col">Assignee</th>}
                <th scope="col">Messages</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {tickets.data.map((t) => (
                <tr key={t.id}>
                  <td>
                    <RouteLink to={{ page: 'ticket', ticketId: t.id }}>{t.subject}</RouteLink>
                  </td>
                  <td>{t.about ? `${SUBJECT_LABELS[t.about.kind]} ${t.about.id}` : '—'}</td>
                  <td>
                    <Badge tone={TICKET_STATUS_TONES[t.status]}>{TICKET_STATUS_LABELS[t.status]}</Badge>
                  </td>
                  {staff && <td>{assigneeLabel(t.assigneeUserId, me, names)}</td>}
                  <td className="num">{t.messages.length}</td>
                  <td>{formatDateTime(t.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

/** The cache has user ids only: "Me", the name the API gave, or "Assigned" while offline. */
function assigneeLabel(assigneeUserId: string | null, me: string | null, names: Map<string, string>) {
  if (assigneeUserId === null) return 'Unassigned';
  if (assigneeUserId === me) return 'Me';
  return names.get(assigneeUserId) ?? 'Assigned';
}

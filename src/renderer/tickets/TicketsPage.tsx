import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useKeptOverLanguageSwitch } from '../shell/kept-over-language-switch';
import type { Ticket, TicketStatus } from '../../shared/api/tickets';
import { Badge } from '../components/Badge';
import { SelectField } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { RouteLink } from '../components/RouteLink';
import { ShowMore } from '../components/ShowMore';
import { EmptyState, QueryStates } from '../components/States';
import { usePermissions, useSession } from '../connection/queries';
import { CustomerLink } from '../customers/CustomerLink';
import { customerQueries } from '../customers/queries';
import { formatDateTime } from '../lib/format';
import { ticketQueries, type TicketFilter } from './queries';
import { SUBJECT_LABELS, TICKET_STATUS_LABELS, TICKET_STATUS_TONES } from './ticket-labels';
import type { TFunction } from 'i18next';
import { subjectRoute, useSubjectName } from './ticket-subject';
import { useTranslation } from 'react-i18next';

type AssigneeFilter = '' | 'none' | 'me';

/** Staff: the support queue (by status and assignee). A customer: "My tickets". From the cache. */
export function TicketsPage() {
  const { t } = useTranslation('tickets');

  const permissions = usePermissions();
  const staff = permissions.seesCustomers;
  const [status, setStatus] = useKeptOverLanguageSwitch<TicketStatus | ''>(
    'tickets:status',
    staff ? 'open' : '',
  );
  const me = useSession().data?.userId ?? null;
  const [assignee, setAssignee] = useKeptOverLanguageSwitch<AssigneeFilter>('tickets:assignee', '');
  const filter: TicketFilter = {
    ...(status ? { status } : {}),
    ...(assignee === 'none' ? { assignee } : {}),
    // "Assigned to me" reads the cache by the signed-in user's id, so it works offline too.
    ...(assignee === 'me' && me ? { assignee: me } : {}),
  };
  const tickets = useInfiniteQuery(ticketQueries.pages(filter));
  // Whose each ticket shown is: their names, read together.
  const customers = useQuery(
    customerQueries.named(staff ? (tickets.data ?? []).map((t) => t.customerId) : []),
  );
  // Names for the Assignee column when online; offline the queue still says "Me" or "Assigned".
  const assignees = useQuery({ ...ticketQueries.assignees(), enabled: staff });
  const names = new Map((assignees.data ?? []).map((a) => [a.id, a.name]));
  return (
    <div className="page">
      <PageHeader
        title={staff ? t('supportQueue') : t('myTickets')}
        subtitle={staff ? t('ticketsFromYourCustomers') : t('problemsYouReportedAnd')}
      />
      <div className="filters" role="group" aria-label={t('filters')}>
        <SelectField
          label={t('status')}
          value={status}
          onChange={(e) => setStatus(e.target.value as TicketStatus | '')}
        >
          <option value="">{t('anyStatus')}</option>
          {Object.entries(TICKET_STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        {staff && (
          <SelectField
            label={t('assignee')}
            value={assignee}
            onChange={(e) => setAssignee(e.target.value as AssigneeFilter)}
          >
            <option value="">{t('anyone')}</option>
            {/* An API-key session is nobody's "me". */}
            {me && <option value="me">{t('assignedToMe')}</option>}
            <option value="none">{t('unassigned')}</option>
          </SelectField>
        )}
      </div>
      <section className="card" aria-label={t('tickets')}>
        <QueryStates
          query={tickets}
          loading={t('loadingTickets')}
          compact
          empty={
            <EmptyState title={status || assignee ? t('noTicketsMatchThese') : t('noTicketsYet')}>
              {staff ? t('customersOpenTicketsWith') : t('useReportAProblem')}
            </EmptyState>
          }
        >
          {(items) => (
            <>
              <table className="data-table" aria-label={t('tickets')}>
                <thead>
                  <tr>
                    <th scope="col">{t('subject')}</th>
                    {staff && <th scope="col">{t('customer')}</th>}
                    <th scope="col">{t('about')}</th>
                    <th scope="col">{t('status')}</th>
                    {staff && <th scope="col">{t('assignee')}</th>}
                    <th scope="col">{t('messages')}</th>
                    <th scope="col">{t('updated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((ticket) => (
                    <tr key={ticket.id}>
                      <td>
                        <RouteLink to={{ page: 'ticket', ticketId: ticket.id }}>{ticket.subject}</RouteLink>
                      </td>
                      {staff && (
                        <td className="cell-text">
                          <CustomerLink
                            customerId={ticket.customerId}
                            name={customers.data?.get(ticket.customerId)?.name}
                          />
                        </td>
                      )}
                      <td className="ticket-about">{ticket.about ? <About about={ticket.about} /> : '—'}</td>
                      <td>
                        <Badge tone={TICKET_STATUS_TONES[ticket.status]}>
                          {TICKET_STATUS_LABELS[ticket.status]}
                        </Badge>
                      </td>
                      {staff && <td>{assigneeLabel(t, ticket.assigneeUserId, me, names)}</td>}
                      <td className="num">{ticket.messages.length}</td>
                      <td>
                        <time dateTime={ticket.updatedAt}>{formatDateTime(ticket.updatedAt)}</time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <ShowMore query={tickets} shown={items.length} label={t('showOlderTickets')} />
            </>
          )}
        </QueryStates>
      </section>
    </div>
  );
}

/** The cache has user ids only: "Me", the name the API gave, or "Assigned" while offline. */
function assigneeLabel(
  t: TFunction<'tickets'>,
  assigneeUserId: string | null,
  me: string | null,
  names: Map<string, string>,
) {
  if (assigneeUserId === null) return t('unassigned');
  if (assigneeUserId === me) return t('me');
  return names.get(assigneeUserId) ?? t('assigned');
}

/** What a ticket is about: its kind and what people call it (a number), linked to its page. */
function About({ about }: { about: NonNullable<Ticket['about']> }) {
  return (
    <RouteLink to={subjectRoute(about)}>
      {SUBJECT_LABELS[about.kind]} <code className="mono">{useSubjectName(about)}</code>
    </RouteLink>
  );
}

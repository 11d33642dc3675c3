import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Ticket, TicketStatus } from '../../shared/api/tickets';
import { Badge } from '../components/Badge';
import { FormMessage, SelectField } from '../components/Field';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { RouteLink } from '../components/RouteLink';
import { EmptyState, ErrorState, LoadingState } from '../components/States';
import { usePermissions, useSession } from '../connection/queries';
import { formatDateTime } from '../lib/format';
import { errorMessage } from '../lib/ipc';
import { paymentQueries } from '../payments/queries';
import { VerifyPayment } from '../payments/VerifyPayment';
import { useSyncStatus } from '../shell/queries';
import { ticketQueries, useReplyToTicket, useUpdateTicket } from './queries';
import { subjectRoute, useSubjectName } from './ticket-subject';
import { SUBJECT_LABELS, TICKET_STATUS_LABELS, TICKET_STATUS_TONES } from './ticket-labels';
import './tickets.css';
import { Trans, useTranslation } from 'react-i18next';

/** One ticket: the record it is about, the thread, a reply box, and (staff) its status. */
export function TicketPage({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation('tickets');

  const ticket = useQuery(ticketQueries.detail(ticketId));
  return (
    <div className="page">
      <RouteLink to={{ page: 'tickets' }} className="back-link">
        <Icon name="back" size={16} />
        {t('allTickets')}
      </RouteLink>
      {ticket.isPending ? (
        <LoadingState label={t('loadingTheTicket')} />
      ) : ticket.isError ? (
        <ErrorState error={ticket.error} onRetry={() => void ticket.refetch()} />
      ) : ticket.data === null ? (
        <EmptyState title={t('ticketNotFound')}>{t('aTicketWrittenOffline')}</EmptyState>
      ) : (
        <TicketView ticket={ticket.data} />
      )}
    </div>
  );
}

/** "About order ORD-20261116-VYMXRB", linked to its page. */
function AboutLine({ about }: { about: NonNullable<Ticket['about']> }) {
  const { t } = useTranslation('tickets');
  return (
    <p>
      <Trans
        t={t}
        i18nKey="aboutSubject"
        values={{ subject: SUBJECT_LABELS[about.kind].toLowerCase(), id: useSubjectName(about) }}
        components={{ route: <RouteLink to={subjectRoute(about)} />, mono: <span className="mono" /> }}
      />
    </p>
  );
}

function TicketView({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation('tickets');

  const permissions = usePermissions();
  return (
    <>
      <PageHeader
        title={ticket.subject}
        subtitle={
          <Badge tone={TICKET_STATUS_TONES[ticket.status]}>{TICKET_STATUS_LABELS[ticket.status]}</Badge>
        }
      />
      {ticket.about && <AboutLine about={ticket.about} />}
      <section className="card" aria-labelledby="ticket-thread-title">
        <h2 id="ticket-thread-title">{t('conversation')}</h2>
        <ol className="ticket-thread" aria-label={t('messages')}>
          {ticket.messages.map((m) => (
            <li
              key={m.id}
              aria-label={`${m.authorSide === 'staff' ? t('support') : t('customer')}: ${m.authorName}`}
            >
              <p>
                <strong>
                  {m.authorSide === 'staff' ? t('support2', { authorName: m.authorName }) : m.authorName}
                </strong>{' '}
                <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
              </p>
              <p className="ticket-message">{m.body}</p>
            </li>
          ))}
        </ol>
        <ReplyBox ticketId={ticket.id} />
      </section>
      {permissions.seesCustomers && <StatusBox ticket={ticket} />}
      {ticket.about?.kind === 'payment' && <VerifyInTicket paymentId={ticket.about.id} />}
    </>
  );
}

/** The reply goes through the outbox: written offline, it is sent when the console is back online. */
function ReplyBox({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation('tickets');

  const reply = useReplyToTicket();
  // Queued either way; only offline does it wait, and only then is that worth saying.
  const offline = useSyncStatus().data?.state === 'offline';
  const [message, setMessage] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reply.mutate({ ticketId, message }, { onSuccess: () => setMessage('') });
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={t('reply')}>
      <div className="field">
        <label htmlFor="ticket-reply">{t('yourReply')}</label>
        <textarea
          id="ticket-reply"
          className="input"
          rows={4}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          maxLength={10_000}
          required
        />
      </div>
      {reply.isError && <FormMessage tone="error">{errorMessage(reply.error)}</FormMessage>}
      {reply.isSuccess && (
        <FormMessage tone="success">{offline ? t('replySavedItIs') : t('replySent')}</FormMessage>
      )}
      <button
        type="submit"
        className="button button-primary"
        disabled={reply.isPending || message.trim() === ''}
      >
        {t('sendReply')}
      </button>
    </form>
  );
}

function StatusBox({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation('tickets');

  const update = useUpdateTicket();
  const me = useSession().data?.userId ?? null;
  const assignees = useQuery(ticketQueries.assignees());
  // The current assignee stays selectable even when the list (online only) has not answered.
  const options = assignees.data ?? [];
  const unknownAssignee =
    ticket.assigneeUserId !== null && !options.some((a) => a.id === ticket.assigneeUserId);
  return (
    <section className="card stack" aria-label={t('ticketStatus')}>
      <SelectField
        label={t('status')}
        value={ticket.status}
        disabled={update.isPending}
        onChange={(e) => update.mutate({ ticketId: ticket.id, status: e.target.value as TicketStatus })}
      >
        {Object.entries(TICKET_STATUS_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('assignedTo')}
        value={ticket.assigneeUserId ?? ''}
        disabled={update.isPending || assignees.isPending}
        error={
          assignees.isError ? t('cannotListAssignees', { reason: errorMessage(assignees.error) }) : undefined
        }
        onChange={(e) =>
          update.mutate({
            ticketId: ticket.id,
            assigneeUserId: e.target.value === '' ? null : e.target.value,
          })
        }
      >
        <option value="">{t('nobodyUnassigned')}</option>
        {unknownAssignee && (
          <option value={ticket.assigneeUserId ?? ''}>
            {ticket.assigneeUserId === me ? t('me') : t('someoneElse')}
          </option>
        )}
        {options.map((a) => (
          <option key={a.id} value={a.id}>
            {a.id === me
              ? t('meNamed', { name: a.name })
              : a.role === 'reseller_admin'
                ? t('adminNamed', { name: a.name })
                : a.name}
          </option>
        ))}
      </SelectField>
      {update.isError && <FormMessage tone="error">{errorMessage(update.error)}</FormMessage>}
    </section>
  );
}

function VerifyInTicket({ paymentId }: { paymentId: string }) {
  const track = useQuery(paymentQueries.track(paymentId));
  if (track.data?.kind !== 'payment') return null;
  return <VerifyPayment paymentId={paymentId} provider={track.data.payment.provider} />;
}

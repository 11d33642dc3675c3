import { useState, type FormEvent } from 'react';
import type { TicketSubjectKind } from '../../shared/api/tickets';
import { Dialog } from '../components/Dialog';
import { FormMessage, TextField } from '../components/Field';
import { errorMessage, fieldError } from '../lib/ipc';
import { useSession } from '../connection/queries';
import { useOpenTicket } from './queries';
import { SUBJECT_LABELS } from './ticket-labels';
import { useTranslation } from 'react-i18next';

/**
 * "Report a problem" on a payment, invoice or order: opens a ticket with the record attached. It is
 * queued in the outbox, so it can be written offline; staff see it once it is sent. Staff open one
 * for the record's customer ("Open a ticket for the customer"), who sees it and every message in it:
 * the form says so, and asks for a message to the customer rather than "what went wrong".
 */
export function ReportProblem({
  about,
  customerId,
  buttonLabel,
  buttonText,
  inDialog = false,
  name,
}: {
  /** The button's accessible name where several are on one screen ("Report a problem with ORD-…"). */
  buttonLabel?: string;
  /** Shorter words for the button where it sits in a table's cell ("Open a ticket"); the title by default. */
  buttonText?: string;
  /**
   * The form opens in a dialog rather than in place: in a table's cell, a form of its own width
   * would widen its column and push the table past its card.
   */
  inDialog?: boolean;
  about: { kind: TicketSubjectKind; id: string };
  /** The record's customer: staff open the ticket for them (a customer's own is implied). */
  customerId?: string;
  /** What people call the record (an order's number), for the suggested subject; by default its id. */
  name?: string;
}) {
  const { t } = useTranslation('tickets');
  const forCustomer = useSession().data?.role !== 'customer';
  const title = forCustomer ? t('openATicketForThe') : t('reportAProblem');

  const open = useOpenTicket();
  const [expanded, setExpanded] = useState(false);
  const [subject, setSubject] = useState(
    t('problemWith', { subject: SUBJECT_LABELS[about.kind].toLowerCase(), name: name ?? about.id }),
  );
  const [message, setMessage] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    open.mutate(
      { subject, message, about, ...(customerId ? { customerId } : {}) },
      { onSuccess: () => setMessage('') },
    );
  };
  const body = open.isSuccess ? (
    <FormMessage tone="success">
      {forCustomer ? t('theTicketWasOpened') : t('yourReportWasSaved')}
    </FormMessage>
  ) : (
    <form onSubmit={submit} className="stack">
      {forCustomer && <p className="muted">{t('theCustomerSeesThis')}</p>}
      <TextField
        label={t('subject')}
        value={subject}
        onChange={(e) => setSubject(e.target.value)}
        error={open.isError ? fieldError(open.error, 'subject') : undefined}
        maxLength={200}
        required
      />
      <div className="field">
        <label htmlFor="report-message">{forCustomer ? t('messageToTheCustomer') : t('whatWentWrong')}</label>
        <textarea
          id="report-message"
          className="input"
          rows={4}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          maxLength={10_000}
          required
        />
      </div>
      {open.isError && <FormMessage tone="error">{errorMessage(open.error)}</FormMessage>}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={open.isPending || message.trim() === ''}
        >
          {forCustomer ? t('openTicket') : t('sendReport')}
        </button>
        <button type="button" className="button button-ghost" onClick={() => setExpanded(false)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
  const button = (
    <button
      type="button"
      className="button button-ghost"
      onClick={() => setExpanded(true)}
      {...(buttonLabel ? { 'aria-label': buttonLabel } : {})}
    >
      {buttonText ?? title}
    </button>
  );
  if (inDialog) {
    return (
      <>
        {button}
        <Dialog open={expanded} title={title} onClose={() => setExpanded(false)}>
          {expanded && body}
        </Dialog>
      </>
    );
  }
  if (!expanded) return button;
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      {body}
    </section>
  );
}

import { escapeHtml } from '../../lib/html.js';
import type { Text } from '../../i18n/text.js';

/** To the other side of a ticket: a new message arrived (the body itself, so it reads in the inbox). */
export function ticketMessageEmail(
  text: Text,
  input: {
    ticketId: string;
    subject: string;
    authorName: string;
    body: string;
    to: 'customer' | 'staff';
  },
) {
  const subject = `[${input.ticketId}] ${input.subject}`;
  const where = text.t(input.to === 'customer' ? 'email.ticket.answerCustomer' : 'email.ticket.answerStaff');
  const wrote = text.t('email.ticket.wrote', { author: input.authorName });
  const paragraphs = input.body
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`)
    .join('\n');
  return {
    subject,
    text: [wrote, '', input.body, '', where].join('\n'),
    html: `<p>${escapeHtml(wrote)}</p>
<blockquote>${paragraphs}</blockquote>
<p>${escapeHtml(where)}</p>`,
  };
}

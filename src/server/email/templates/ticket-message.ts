import { escapeHtml } from '../../lib/html.js';

/** To the other side of a ticket: a new message arrived (the body itself, so it reads in the inbox). */
export function ticketMessageEmail(input: {
  ticketId: string;
  subject: string;
  authorName: string;
  body: string;
  to: 'customer' | 'staff';
}) {
  const subject = `[${input.ticketId}] ${input.subject}`;
  const where =
    input.to === 'customer'
      ? 'Answer it in the console under Tickets, or sign in to see the whole conversation.'
      : 'Answer it from the support queue in the console (Tickets).';
  const text = [`${input.authorName} wrote:`, '', input.body, '', where].join('\n');
  const paragraphs = input.body
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`)
    .join('\n');
  const html = `<p>${escapeHtml(input.authorName)} wrote:</p>
<blockquote>${paragraphs}</blockquote>
<p>${escapeHtml(where)}</p>`;
  return { subject, text, html };
}

import { newId } from '../../shared/ids.js';
import type { Language } from '../../shared/api/language.js';
import type { Trx } from '../db/database.js';
import { textIn, type Text } from '../i18n/text.js';
import type { Recipient } from './recipients.js';

export interface EmailMessage {
  to: string[];
  subject: string;
  /** Plain text; `html` is the same message as markup (user data already escaped, see lib/html.ts). */
  text: string;
  html: string;
}

/**
 * Queues an email in the caller's transaction (the outbox pattern): it is sent by the email job
 * only if the change that caused it commits. A message with no recipient is dropped here.
 */
export async function enqueueEmail(
  trx: Trx,
  resellerId: string,
  message: EmailMessage,
  now: string,
): Promise<void> {
  const to = [...new Set(message.to.map((a) => a.trim()).filter((a) => a.length > 0))];
  if (to.length === 0) return;
  await trx
    .insertInto('emails')
    .values({
      id: `eml${newId('transaction').slice('txn'.length)}`,
      reseller_id: resellerId,
      to_addresses: JSON.stringify(to),
      subject: message.subject,
      text_body: message.text,
      html_body: message.html,
      status: 'queued',
      next_attempt_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/**
 * Queues one email per language among `recipients`, each written by `render` in that language, so
 * that every recipient reads theirs (a staff notice to an English admin and a Vietnamese agent is
 * two emails). The same address twice keeps its first language.
 */
export async function enqueueEmailIn(
  trx: Trx,
  resellerId: string,
  recipients: Recipient[],
  render: (text: Text) => Omit<EmailMessage, 'to'>,
  now: string,
): Promise<void> {
  const byLanguage = new Map<Language, string[]>();
  const seen = new Set<string>();
  for (const { address, language } of recipients) {
    const key = address.trim().toLowerCase();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    byLanguage.set(language, [...(byLanguage.get(language) ?? []), address]);
  }
  for (const [language, to] of byLanguage) {
    await enqueueEmail(trx, resellerId, { to, ...render(textIn(language)) }, now);
  }
}

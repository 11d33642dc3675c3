import { newId } from '../../shared/ids.js';
import type { Trx } from '../db/database.js';

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

import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

/**
 * Support tickets and their threads. A ticket belongs to one customer (what a customer-role caller
 * may see) and may name the payment, invoice or order it is about (`subject_kind`, `subject_id`).
 * Messages are append-only; the ticket's `status` and `assignee_user_id` change by staff action.
 * The queue index serves the staff list (by status, newest activity first).
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const strict = dialect === 'sqlite' ? sql`strict` : sql``;

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reseller_id', 'text', (c) => c.notNull().references('resellers.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('open', 'waiting_on_customer', 'resolved')`),
    )
    .addColumn('subject_kind', 'text', (c) => c.check(sql`subject_kind in ('payment', 'invoice', 'order')`))
    .addColumn('subject_id', 'text')
    .addColumn('assignee_user_id', 'text')
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('tickets_subject_pair', sql`(subject_kind is null) = (subject_id is null)`)
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('tickets_queue')
    .on('tickets')
    .columns(['reseller_id', 'status', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('tickets_customer')
    .on('tickets')
    .columns(['customer_id', 'updated_at'])
    .execute();

  await db.schema
    .createTable('ticket_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('author_side', 'text', (c) => c.notNull().check(sql`author_side in ('customer', 'staff')`))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .modifyEnd(strict)
    .execute();
  await db.schema
    .createIndex('ticket_messages_thread')
    .on('ticket_messages')
    .columns(['ticket_id', 'created_at'])
    .execute();
}

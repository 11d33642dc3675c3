import nodemailer, { type Transporter } from 'nodemailer';
import type { Store } from '../db/database.js';
import type { EmailTable } from '../db/schema.js';
import type { Selectable } from 'kysely';

/**
 * After a failed send, the next try comes this much later, ms: 1 min, 5 min, 30 min, 2 h, 6 h,
 * 12 h — seven tries over about 21 hours, then the email is `failed`.
 */
export const EMAIL_RETRY_DELAYS_MS: readonly number[] = [
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  6 * 3_600_000,
  12 * 3_600_000,
];

const LEASE_MS = 2 * 60_000;
const BATCH = 20;

export interface EmailLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface EmailSenderOptions {
  store: Store;
  clock: () => Date;
  /** SMTP_URL (smtp://user:pass@host:port, smtps://…); unset: emails stay queued. */
  smtpUrl?: string | undefined;
  /** EMAIL_FROM: the sender address. */
  from?: string | undefined;
  log?: EmailLog;
}

/**
 * The email job: sends queued emails through the operator's SMTP server with retries. Without
 * SMTP_URL nothing is sent and nothing fails: the emails wait in the queue, and a line says so.
 */
export class EmailSender {
  private transport: Transporter | null = null;
  private warnedUnconfigured = false;

  constructor(private readonly o: EmailSenderOptions) {}

  get configured(): boolean {
    return Boolean(this.o.smtpUrl);
  }

  /** Sends everything due; resolves with the number sent. */
  async run(): Promise<number> {
    if (!this.o.smtpUrl) {
      if (!this.warnedUnconfigured) {
        this.warnedUnconfigured = true;
        this.o.log?.warn({}, 'email: SMTP_URL is not set; emails stay queued and none is sent');
      }
      return 0;
    }
    this.transport ??= nodemailer.createTransport(this.o.smtpUrl);
    let sent = 0;
    for (;;) {
      const leased = await this.lease();
      if (leased.length === 0) return sent;
      for (const email of leased) if (await this.send(email)) sent++;
    }
  }

  close(): void {
    this.transport?.close();
    this.transport = null;
  }

  private async lease(): Promise<Array<Selectable<EmailTable>>> {
    const now = this.o.clock();
    const iso = now.toISOString();
    const { store } = this.o;
    return store.write(async (trx) => {
      let candidates = trx
        .selectFrom('emails')
        .select('id')
        .where('status', '=', 'queued')
        .where('next_attempt_at', '<=', iso)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', iso)]))
        .orderBy('created_at')
        .limit(BATCH);
      if (store.dialect === 'postgres') candidates = candidates.forUpdate().skipLocked();
      return trx
        .updateTable('emails')
        .set({ lease_until: new Date(now.getTime() + LEASE_MS).toISOString() })
        .where('id', 'in', candidates)
        .returningAll()
        .execute();
    });
  }

  private async send(email: Selectable<EmailTable>): Promise<boolean> {
    const transport = this.transport as Transporter;
    let error: string | null = null;
    try {
      await transport.sendMail({
        from: this.o.from ?? 'Reseller Console <no-reply@localhost>',
        to: JSON.parse(email.to_addresses) as string[],
        subject: email.subject,
        text: email.text_body,
        html: email.html_body,
        messageId: `<${email.id}@reseller-console>`,
      });
    } catch (e) {
      error = (e instanceof Error ? e.message : String(e)).slice(0, 300);
    }
    const now = this.o.clock();
    const attempts = email.attempts + 1;
    const delay = EMAIL_RETRY_DELAYS_MS[attempts - 1] ?? null;
    await this.o.store.write((trx) =>
      trx
        .updateTable('emails')
        .set(
          error === null
            ? {
                status: 'sent',
                attempts,
                lease_until: null,
                last_error: null,
                sent_at: now.toISOString(),
                updated_at: now.toISOString(),
              }
            : {
                status: delay === null ? 'failed' : 'queued',
                attempts,
                lease_until: null,
                last_error: error,
                next_attempt_at: new Date(now.getTime() + (delay ?? 0)).toISOString(),
                updated_at: now.toISOString(),
              },
        )
        .where('id', '=', email.id)
        .execute(),
    );
    if (error === null) this.o.log?.info({ email: email.id }, 'email sent');
    else this.o.log?.warn({ email: email.id, attempts, error }, 'email not sent; will retry');
    return error === null;
  }
}

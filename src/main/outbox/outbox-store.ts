import type BetterSqlite3 from 'better-sqlite3';
import { newIdempotencyKey } from '../../shared/ids.js';
import { refusalReasonSchema } from '../../shared/api/common.js';
import type { OutboxItem, QueuedRefusal } from '../../shared/ipc-contract.js';
import type { Currency } from '../../shared/money.js';
import { readStoredOperation, type OutboxOperation } from '../../shared/outbox-operations.js';
import { readOutboxSummary, type OutboxSummary } from '../../shared/outbox-summary.js';

/** A write to queue: its operation, whom it concerns (local ids allowed) and how it reads. */
export type NewIntent = OutboxOperation & {
  customerRef: string | null;
  walletRef: string | null;
  currency: Currency | null;
  summary: OutboxSummary;
};

interface Row {
  id: string;
  account: string;
  /** An operation's kind, as the version that stored it named it. */
  kind: string;
  state: OutboxItem['state'];
  payload: string;
  idempotency_key: string;
  customer_ref: string | null;
  wallet_ref: string | null;
  currency: string | null;
  /** An OutboxSummary as JSON (a translation key and its values). */
  summary_json: string;
  error_code: string | null;
  error_message: string | null;
  /** The refusal's reason as data (a RefusalReason as JSON), when the server gave one. */
  error_reason: string | null;
  attempts: number;
  created_at: string;
}

/** A row as a replay reads it: without its summary (see QueuedWrite). */
type WriteRow = Omit<Row, 'summary_json'>;
const WRITE_COLUMNS = `id, account, kind, state, payload, idempotency_key, customer_ref, wallet_ref, currency,
  error_code, error_message, error_reason, attempts, created_at`;

/**
 * Where a write sits in its account's queue: the queue's order (created_at, then rowid), so a pass can
 * read on from the last write it saw without OFFSET, which would skip or repeat a write when one
 * ahead of it is discarded or confirmed mid-pass.
 */
export interface QueuePosition {
  createdAt: string;
  seq: number;
}

export type StoredIntent = OutboxItem & {
  idempotencyKey: string;
  attempts: number;
};

/**
 * A queued write as a replay reads it: all but its summary, which only the Outbox screen shows;
 * decoding it for every write sent was a good part of reading the queue.
 */
export type QueuedWrite = StoredIntent extends infer I
  ? I extends unknown
    ? Omit<I, 'summary'>
    : never
  : never;

/** How one write of a sent batch ended: confirmed (with the id it created), refused, or still to send. */
export type Settled =
  | { id: string; outcome: 'confirmed'; mapping?: { localId: string; serverId: string } | undefined }
  | { id: string; outcome: 'rejected'; error: QueuedRefusal }
  | { id: string; outcome: 'pending' };

interface Tally {
  pending: number;
  rejected: number;
}

/** Local ids of records created offline look like server ids with a `local_` prefix. */
export const LOCAL_PREFIX = 'local_';
export const isLocalId = (id: string | null): boolean => id !== null && id.startsWith(LOCAL_PREFIX);

/**
 * Writes made in the console, in the order they were made, for one account at a time. Each is on
 * disk (with the idempotency key it will always be sent with) before the caller hears "queued".
 */
export class OutboxStore {
  /**
   * Pending and rejected counts per account, counted once and then kept up to date by every change
   * made through this store: the status bar asks after every write, and recounting a queue of
   * thousands each time made replay quadratic.
   */
  private readonly tallies = new Map<string, Tally>();

  /**
   * Prepared once per SQL text: a replay reads and settles thousands of rows, and preparing a
   * statement each time cost more than running it.
   */
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(private readonly db: BetterSqlite3.Database) {}

  private stmt(text: string): BetterSqlite3.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  private bump(account: string, state: 'pending' | 'rejected', by: number): void {
    const tally = this.tallies.get(account);
    if (tally) tally[state] += by;
  }

  /** Which count a row in `state` is in: sending is still pending until the server answers. */
  private static countOf(state: string): 'pending' | 'rejected' {
    return state === 'rejected' ? 'rejected' : 'pending';
  }

  enqueue(account: string, intent: NewIntent, now: string, id: string): StoredIntent {
    const row: Row = {
      id,
      account,
      kind: intent.kind,
      state: 'pending',
      payload: JSON.stringify(intent.payload),
      idempotency_key: newIdempotencyKey(),
      customer_ref: intent.customerRef,
      wallet_ref: intent.walletRef,
      currency: intent.currency,
      summary_json: JSON.stringify(intent.summary),
      error_code: null,
      error_message: null,
      error_reason: null,
      attempts: 0,
      created_at: now,
    };
    this.db
      .prepare(
        `insert into outbox (id, account, kind, state, payload, idempotency_key, customer_ref, wallet_ref, currency,
           summary_json, error_code, error_message, error_reason, attempts, created_at)
         values (@id, @account, @kind, @state, @payload, @idempotency_key, @customer_ref, @wallet_ref, @currency,
           @summary_json, @error_code, @error_message, @error_reason, @attempts, @created_at)`,
      )
      .run(row);
    this.bump(account, 'pending', 1);
    return this.toItem(row);
  }

  list(account: string): StoredIntent[] {
    return (
      this.stmt('select * from outbox where account = ? order by created_at, rowid').all(account) as Row[]
    ).map((r) => this.toItem(r));
  }

  /**
   * One page of the account's queue, oldest first, and how many it holds in all (the kept tallies,
   * not a count(*)): the Outbox screen shows a long offline queue a page at a time.
   */
  page(account: string, offset: number, limit: number): { items: StoredIntent[]; total: number } {
    const rows = this.stmt(
      'select * from outbox where account = ? order by created_at, rowid limit ? offset ?',
    ).all(account, limit, offset) as Row[];
    const { pending, rejected } = this.counts(account);
    return { items: rows.map((r) => this.toItem(r)), total: pending + rejected };
  }

  /**
   * The next `limit` writes of the account's queue after `after` (from its start when null), oldest
   * first, and the position to read on from (null once the queue is read to its end). A replay reads
   * its queue this way, a page at a time, instead of reading and validating thousands of rows in one
   * go on the core's only thread; it sends writes, so it is not given their summaries.
   */
  pageAfter(
    account: string,
    after: QueuePosition | null,
    limit: number,
  ): { items: QueuedWrite[]; next: QueuePosition | null } {
    type Read = Array<WriteRow & { seq: number }>;
    let rows: Read;
    if (after === null) {
      rows = this.stmt(
        `select rowid as seq, ${WRITE_COLUMNS} from outbox where account = ? order by created_at, rowid limit ?`,
      ).all(account, limit) as Read;
    } else {
      // Two index ranges, not `(created_at, rowid) > (?, ?)`: SQLite seeks that on created_at alone,
      // so every page of writes queued in the same millisecond (a bulk action) read the instant from
      // its start again, and a long queue took time in the square of its length.
      rows = this.stmt(
        `select rowid as seq, ${WRITE_COLUMNS} from outbox where account = ? and created_at = ? and rowid > ?
         order by rowid limit ?`,
      ).all(account, after.createdAt, after.seq, limit) as Read;
      if (rows.length < limit) {
        const later = this.stmt(
          `select rowid as seq, ${WRITE_COLUMNS} from outbox where account = ? and created_at > ?
           order by created_at, rowid limit ?`,
        ).all(account, after.createdAt, limit - rows.length) as Read;
        rows = rows.concat(later);
      }
    }
    const last = rows.at(-1);
    return {
      items: rows.map((r) => this.toWrite(r)),
      next: last && rows.length === limit ? { createdAt: last.created_at, seq: last.seq } : null,
    };
  }

  /**
   * The queued write that creates `localId`, if any. Only asked when a pass has not met that creation
   * ahead of a write naming it (its clock went back, or it was discarded): it reads the whole queue.
   */
  creatorOf(account: string, localId: string): string | null {
    const row = this.stmt(
      // json_extract throws on a payload that is not JSON; such a row is unreadable, never a creator.
      `select id from outbox where account = ?
         and case when json_valid(payload) then json_extract(payload, '$.localId') end = ?
       order by created_at, rowid limit 1`,
    ).get(account, localId) as { id: string } | undefined;
    return row?.id ?? null;
  }

  get(id: string): StoredIntent | null {
    const row = this.stmt('select * from outbox where id = ?').get(id) as Row | undefined;
    return row ? this.toItem(row) : null;
  }

  /** Marked before the request leaves: after a crash it is sent again, with the same key. */
  markSending(id: string): void {
    this.stmt(`update outbox set state = 'sending', attempts = attempts + 1 where id = ?`).run(id);
  }

  /**
   * A batch is about to leave: every write in it marked sending, in one local transaction. Returns
   * the ids marked: one discarded while the batch was being built is no longer there to send.
   */
  markSendingMany(ids: readonly string[]): Set<string> {
    const mark = this.stmt(`update outbox set state = 'sending', attempts = attempts + 1 where id = ?`);
    const marked = new Set<string>();
    this.db.transaction(() => {
      for (const id of ids) if (mark.run(id).changes === 1) marked.add(id);
    })();
    return marked;
  }

  markPending(id: string): void {
    this.transact(() => this.toPending(id));
  }

  reject(id: string, error: QueuedRefusal): void {
    this.transact(() => this.toRejected(id, error));
  }

  /** The server confirmed it: forget the intent, remember which server id a local one became. */
  confirm(id: string, mapping?: { localId: string; serverId: string }): void {
    this.transact(() => this.toConfirmed(id, mapping));
  }

  /**
   * A batch's answers, recorded in one local transaction: a crash keeps all of them or none. The
   * outcomes run inside it directly: a transaction of each one's own would nest, costing a
   * savepoint and its release per write.
   */
  settle(outcomes: readonly Settled[]): void {
    this.transact(() => {
      for (const o of outcomes) {
        if (o.outcome === 'confirmed') this.toConfirmed(o.id, o.mapping);
        else if (o.outcome === 'rejected') this.toRejected(o.id, o.error);
        else this.toPending(o.id);
      }
    });
  }

  /**
   * Runs `change` in one local transaction. The tallies are bumped as it goes: if it rolls back they
   * are dropped, to be counted again when next asked, rather than left counting what never happened.
   */
  private transact(change: () => void): void {
    try {
      this.db.transaction(change)();
    } catch (error) {
      this.tallies.clear();
      throw error;
    }
  }

  private toPending(id: string): void {
    const before = this.stateOf(id);
    this.stmt(
      `update outbox set state = 'pending', error_code = null, error_message = null, error_reason = null
       where id = ?`,
    ).run(id);
    if (before?.state === 'rejected') {
      this.bump(before.account, 'rejected', -1);
      this.bump(before.account, 'pending', 1);
    }
  }

  private toRejected(id: string, error: QueuedRefusal): void {
    const before = this.stateOf(id);
    this.stmt(
      `update outbox set state = 'rejected', error_code = ?, error_message = ?, error_reason = ? where id = ?`,
    ).run(error.code, error.message, error.reason ? JSON.stringify(error.reason) : null, id);
    if (before && before.state !== 'rejected') {
      this.bump(before.account, 'pending', -1);
      this.bump(before.account, 'rejected', 1);
    }
  }

  private toConfirmed(id: string, mapping?: { localId: string; serverId: string }): void {
    if (mapping) {
      this.stmt('insert or replace into id_map (local_id, server_id) values (?, ?)').run(
        mapping.localId,
        mapping.serverId,
      );
    }
    this.remove(id);
  }

  discard(id: string): void {
    this.remove(id);
  }

  private remove(id: string): void {
    const gone = this.stmt('delete from outbox where id = ? returning account, state').get(id) as
      { account: string; state: string } | undefined;
    if (gone) this.bump(gone.account, OutboxStore.countOf(gone.state), -1);
  }

  private stateOf(id: string): { account: string; state: string } | undefined {
    return this.stmt('select account, state from outbox where id = ?').get(id) as
      { account: string; state: string } | undefined;
  }

  /** The server id a local id became, once its creation was confirmed. */
  resolve(id: string | null): string | null {
    if (id === null || !isLocalId(id)) return id;
    const row = this.stmt('select server_id from id_map where local_id = ?').get(id) as
      { server_id: string } | undefined;
    return row?.server_id ?? null;
  }

  /** Whether this console started the payment `serverId` (a `payment.create` it sent was confirmed). */
  startedPayment(serverId: string): boolean {
    return (
      this.stmt(`select 1 from id_map where server_id = ? and local_id like ? escape '\\' limit 1`).get(
        serverId,
        `${LOCAL_PREFIX.replace(/_/g, '\\_')}pay\\_%`,
      ) !== undefined
    );
  }

  counts(account: string): { pending: number; rejected: number } {
    let tally = this.tallies.get(account);
    if (!tally) {
      tally = this.recount(account);
      this.tallies.set(account, tally);
    }
    return { ...tally };
  }

  private recount(account: string): Tally {
    const rows = this.stmt(
      `select state = 'rejected' as rejected, count(*) as n from outbox where account = ? group by state = 'rejected'`,
    ).all(account) as Array<{ rejected: number; n: number }>;
    return {
      pending: rows.find((r) => !r.rejected)?.n ?? 0,
      rejected: rows.find((r) => r.rejected)?.n ?? 0,
    };
  }

  private toItem(row: Row): StoredIntent {
    return { ...this.toWrite(row), summary: readOutboxSummary(row.summary_json) } as StoredIntent;
  }

  private toWrite(row: WriteRow): QueuedWrite {
    const customerId = this.resolve(row.customer_ref) ?? row.customer_ref;
    const walletId = this.resolve(row.wallet_ref) ?? row.wallet_ref;
    return {
      ...readStoredOperation(row.kind, row.payload),
      id: row.id,
      state: row.state,
      customerId,
      walletId,
      currency: row.currency as Currency | null,
      error: row.error_code ? refusalOf(row) : null,
      createdAt: row.created_at,
      idempotencyKey: row.idempotency_key,
      attempts: row.attempts,
    };
  }
}

/** A stored refusal; a reason this version cannot read is left out (its message still says why). */
function refusalOf(row: Pick<Row, 'error_code' | 'error_message' | 'error_reason'>): QueuedRefusal {
  const refusal: QueuedRefusal = { code: row.error_code ?? '', message: row.error_message ?? '' };
  if (row.error_reason === null) return refusal;
  try {
    const reason = refusalReasonSchema.safeParse(JSON.parse(row.error_reason));
    if (reason.success) refusal.reason = reason.data;
  } catch {
    // Not JSON: as if no reason had been given.
  }
  return refusal;
}

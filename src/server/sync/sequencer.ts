import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import pg from 'pg';
import type { NumberedChange, Store } from '../db/database.js';

/** A feed position that moved: the newest seq of one reseller, and of one customer within it. */
export interface Advance {
  resellerId: string;
  customerId: string | null;
  seq: number;
}

const CHANNEL = 'billing_changes';
/** Serialises sequencers across API processes sharing one PostgreSQL. */
const ADVISORY_LOCK = 7_140_825_301;
const BATCH = 5000;
/**
 * The least time between the end of one pass and the start of the next one a commit asks for. On
 * PostgreSQL a pass takes a lock and a round trip (five without a listener); run after every commit,
 * passes made most of the queries of a hot wallet's debits. Coalesced, a busy feed is numbered at
 * most every few milliseconds, each pass numbering every commit since the last; a reader hears of
 * a change at most this much later (the live-update target allows 100 ms).
 */
const PASS_GAP_MS = 10;

/**
 * Numbers committed changes in commit order. Writers insert change rows with seq = null inside their
 * own transactions; the sequencer (one at a time, even across processes) gives every committed,
 * unnumbered row the next seqs. A reader following `seq > cursor` therefore never skips a row, even
 * when concurrent writers commit in a different order than they started: an uncommitted row has no
 * seq yet and gets one above everything a reader may already have seen. On SQLite, where one writer
 * commits at a time, a group commit's rows take their positions as they are inserted
 * (Trx.numberChanges), and the group numbers any other unnumbered row just before it commits
 * (Store.addCommitStep); the poll numbers any row written outside one.
 */
export class Sequencer {
  readonly advances = new EventEmitter<{ advance: [Advance[]] }>();
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  /** A pass asked for within PASS_GAP_MS of the last one, waiting for the gap to end. */
  private scheduled: NodeJS.Timeout | null = null;
  private lastPassEnded = Number.NEGATIVE_INFINITY;
  private listener: pg.Client | null = null;
  /** PostgreSQL, when listening: a connection of its own, for passes in one round trip. */
  private numberer: pg.Pool | null = null;
  private stopped = false;
  private readonly onCommitted = () => this.kick();
  private removeCommitStep: (() => void) | null = null;

  constructor(
    private readonly store: Store,
    private readonly options: { pollMs?: number; databaseUrl?: string; schema?: string } = {},
  ) {}

  /** One channel per schema, so that test schemas sharing a database do not hear each other. */
  private get channel(): string {
    return this.options.schema ? `${CHANNEL}_${this.options.schema}` : CHANNEL;
  }

  async start(): Promise<void> {
    if (this.store.addCommitStep) {
      // SQLite: each group commit numbers its own rows (one writer at a time keeps commit order).
      this.removeCommitStep = this.store.addCommitStep({
        // The group's own rows were numbered as they were inserted (Trx.numberChanges); this numbers
        // any row left unnumbered (written outside a group commit, or by another process's writer).
        inTransaction: async (trx) => ({
          inserted: trx.numberedChanges?.() ?? [],
          updated: (await numbering().execute(trx)).rows,
        }),
        afterCommit: ({ inserted, updated }) => {
          this.publish(summarise([...inserted, ...updated]));
          // More than one pass's worth: the rest are numbered by passes of their own.
          if (updated.length === BATCH) this.kick();
        },
      });
    } else {
      this.store.events.on('committed', this.onCommitted);
    }
    // Writes from other API processes (PostgreSQL) are picked up by this poll or by their own sequencer.
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 250);
    this.timer.unref();
    if (this.store.dialect === 'postgres' && this.options.databaseUrl) {
      const client = new pg.Client({ connectionString: this.options.databaseUrl });
      client.on('notification', (message) => {
        if (message.channel === this.channel && message.payload)
          this.publish(JSON.parse(message.payload) as Advance[]);
      });
      client.on('error', () => undefined);
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      this.listener = client;
      this.numberer = new pg.Pool({
        connectionString: this.options.databaseUrl,
        max: 1,
        ...(this.options.schema ? { options: `-c search_path=${this.options.schema}` } : {}),
      });
      this.numberer.on('error', () => undefined);
    }
    this.kick();
  }

  /**
   * Runs a pass soon: at once, or when PASS_GAP_MS since the last pass have passed. Passes never
   * overlap; a kick during a pass runs one more after it.
   */
  kick(): void {
    if (this.stopped || this.scheduled) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const wait = this.lastPassEnded + PASS_GAP_MS - performance.now();
    if (wait <= 0) return this.run();
    this.scheduled = setTimeout(() => {
      this.scheduled = null;
      this.kick();
    }, wait);
  }

  private run(): void {
    this.again = false;
    this.running = (async () => {
      try {
        while ((await this.pass()) === BATCH);
      } catch {
        // A failed pass leaves rows unnumbered; the next kick or poll numbers them.
      }
      this.lastPassEnded = performance.now();
      this.running = null;
      if (this.again) this.kick();
    })();
  }

  /** Resolves once every change committed before the call has a seq. */
  async flush(): Promise<void> {
    this.cancelScheduled();
    // A pass under way may have read the feed before the caller's commits.
    while (this.running) await this.running;
    this.cancelScheduled();
    this.run();
    await this.running;
  }

  private cancelScheduled(): void {
    if (this.scheduled) clearTimeout(this.scheduled);
    this.scheduled = null;
  }

  private async pass(): Promise<number> {
    const number = numbering();
    if (this.store.dialect === 'sqlite') {
      const { rows } = await number.execute(this.store.db);
      this.publish(summarise(rows));
      return rows.length;
    }
    if (this.numberer) {
      // Its NOTIFYs reach this process's listener too.
      const results = (await this.numberer.query(
        passInOneQuery(this.channel),
      )) as unknown as pg.QueryResult[];
      return (results.at(-1)!.rows[0] as { numbered: number }).numbered;
    }
    return this.store.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${ADVISORY_LOCK})`.execute(trx);
      await sql.raw(NUMBERING_SETTINGS).execute(trx);
      const { rows } = await number.execute(trx);
      const advances = summarise(rows);
      // NOTIFY is delivered at commit, to every API process listening (this one included). A pass
      // over many customers' writes has many advances: all their notifications go in one round trip.
      const payloads = chunks(advances, 60).map((chunk) => JSON.stringify(chunk));
      if (payloads.length > 0) {
        await sql`select pg_notify(${this.channel}, payload) from unnest(${payloads}::text[]) as payload`.execute(
          trx,
        );
      }
      if (!this.listener) this.publish(advances);
      return rows.length;
    });
  }

  private publish(advances: Advance[]): void {
    if (advances.length > 0) this.advances.emit('advance', advances);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.store.events.off('committed', this.onCommitted);
    this.removeCommitStep?.();
    if (this.timer) clearInterval(this.timer);
    this.cancelScheduled();
    while (this.running) await this.running;
    await this.listener?.end().catch(() => undefined);
    await this.numberer?.end().catch(() => undefined);
  }
}

/**
 * PostgreSQL: the numbering finds its rows by an index scan, never a bitmap scan. Numbering a row
 * updates it, which leaves its old version's entry in the index of unnumbered rows until VACUUM; a
 * bitmap scan fetches every such entry's heap page on every pass and never learns they are dead,
 * so a pass cost more the more rows were numbered since the last vacuum (a ledger bench's pass
 * visited 696 heap pages to find 102 rows, after seconds of load; a large feed waits long for
 * autovacuum). An index scan marks the dead entries as it meets them, and later passes step over
 * them in the index without fetching their rows.
 */
export const NUMBERING_SETTINGS = 'set local enable_bitmapscan = off';

/** Gives the oldest unnumbered rows (up to BATCH) the next seqs, in id order; returns them. */
export const NUMBER = `
  update changes set seq = (select coalesce(max(seq), 0) from changes) + r.rn
  from (select id, row_number() over (order by id) as rn from changes
        where seq is null order by id limit ${BATCH}) as r
  where changes.id = r.id
  returning changes.reseller_id, changes.customer_id, changes.seq`;

const numbering = () => sql<NumberedChange>`${sql.raw(NUMBER)}`;

/**
 * A whole PostgreSQL pass as one simple query, one round trip: the lock, the numbering, and the
 * advances notified (as summarise() and chunks of 60 below), in one implicit transaction that
 * holds the lock until it commits. Answers how many rows it numbered.
 */
function passInOneQuery(channel: string): string {
  return `select pg_advisory_xact_lock(${ADVISORY_LOCK}); ${NUMBERING_SETTINGS};
    with numbered as (${NUMBER}),
    advances as (
      select reseller_id, customer_id, max(seq) as seq from numbered
      group by grouping sets ((reseller_id), (reseller_id, customer_id))
      having grouping(customer_id) = 1 or customer_id is not null),
    chunked as (
      select (row_number() over () - 1) / 60 as chunk,
        json_build_object('resellerId', reseller_id, 'customerId', customer_id, 'seq', seq) as advance
      from advances),
    notified as (select pg_notify(${pg.escapeLiteral(channel)}, json_agg(advance)::text) from chunked group by chunk)
    select (select count(*) from numbered)::int as numbered, (select count(*) from notified)::int as notified`;
}

function summarise(rows: readonly NumberedChange[]): Advance[] {
  const newest = new Map<string, Advance>();
  for (const row of rows) {
    for (const customerId of row.customer_id ? [null, row.customer_id] : [null]) {
      const key = `${row.reseller_id}|${customerId ?? ''}`;
      const seq = Number(row.seq);
      const current = newest.get(key);
      if (!current || current.seq < seq) newest.set(key, { resellerId: row.reseller_id, customerId, seq });
    }
  }
  return [...newest.values()];
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

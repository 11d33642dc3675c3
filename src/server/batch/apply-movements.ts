import { sql } from 'kysely';
import type { Currency } from '../../shared/money.js';
import { checkMovement } from '../../shared/movement-limits.js';
import type { Store, Trx } from '../db/database.js';
import type { IdempotencyKeyTable, LedgerEntryTable, WalletTable } from '../db/schema.js';
import { emitEvents, hasSubscribers } from '../events/emit.js';
import { failureBody, statusOf } from '../http/failure-status.js';
import { entryFor, walletChange, type MovementResult } from '../ledger/movements.js';
import { WALLET_COLUMNS, refusalOf } from '../ledger/wallet-guard.js';
import { Failure } from '../services/failure.js';
import { movementLimits } from '../services/movement-limits/limits.js';
import type { Result } from '../services/result.js';
import type { Scope } from '../services/scope.js';
import { adjustWallet } from '../services/wallets/adjust.js';
import { creditWallet } from '../services/wallets/credit.js';
import { debitWallet } from '../services/wallets/debit.js';
import { MOVEMENT_AUDIT_ACTION, type MovementInput } from '../services/wallets/move.js';
import { changeRows, numberedRows, type ChangeInput } from '../sync/record.js';
import { writeWallets } from './wallet-writes.js';
import { toTransaction } from '../wire/transaction.js';
import { toWallet } from '../wire/wallet.js';

/**
 * Many credits, debits and adjustments of one reseller in ONE transaction with set-based statements:
 * what an offline console's replay (POST /v1/batch) and a hot wallet's queued debits
 * (batch/hot-wallets.ts) are made of. Each movement is answered exactly as its own route would answer
 * it, and written exactly as that route writes it (ledger row, which is its audit record too; change
 * feed; webhook event; the answer under its Idempotency-Key) — save that the change feed gets one row
 * per wallet per batch, its final state, rather than one per movement; only the number of statements
 * changes:
 *
 * 1. One look-up for every key (`key IN (…)`): a key stored before is answered by its stored answer
 *    (replayed); a key repeated inside the batch is answered by its first movement's answer.
 * 2. One read of every wallet moved, locked (PostgreSQL `FOR UPDATE`, in id order, so two batches
 *    lock in the same order; SQLite's writer is alone anyway). Under that lock, each movement is
 *    taken or refused in the order sent against the running balance, with the same conditions and
 *    refusals as ledger/wallet-guard.ts: no overdraft, ever; a refusal is stored under its key.
 * 3. One conditional UPDATE for all the wallets (each its final balance, guarded again by the
 *    database: batch/wallet-writes.ts), and one multi-row INSERT per table for the rows of all
 *    movements.
 *
 * What this does not decide is left to the movement's own route (answered `null`): a key used before
 * for a different request, a wallet that is not the caller's, a staff movement above the reseller's
 * maximum (refusals that change nothing, and are not all stored). Wallets that run hooks on every
 * movement (low-balance alerts, auto top-up) are moved one movement at a time through the services,
 * still in this transaction. Either all of a batch commits or none of it: a batch re-sent after a
 * crash finds every key stored and is answered, not applied again.
 */

export type MovementKind = 'credit' | 'debit' | 'adjustment';

export interface BatchMovement {
  kind: MovementKind;
  walletId: string;
  /** Positive minor units for a credit or a debit; signed for an adjustment (as the route's body). */
  amount: number;
  description: string;
  reference?: string | undefined;
  key: string;
  /** requestHash() of the route's fingerprint: what makes a repeated key "the same request". */
  requestHash: string;
  /** Who sent it, for its audit record, where not the batch's caller (a hot wallet's group). */
  sender?: Scope;
}

export interface MovementAnswer {
  status: number;
  replayed: boolean;
  body: unknown;
}

const CREATED = 201;
/** Rows per multi-row INSERT: well under SQLite's and PostgreSQL's bound on parameters. */
const ROWS_PER_INSERT = 500;
/** Lost to a concurrent writer (a key stored meanwhile, a deadlock): the whole batch runs again. */
const ATTEMPTS = 4;

const SERVICES = { credit: creditWallet, debit: debitWallet, adjustment: adjustWallet } as const;
const LEDGER_TYPE = { credit: 'credit', debit: 'payment', adjustment: 'adjustment' } as const;

/** Signed minor units the wallet's balance moves by. */
export const signedAmount = (m: Pick<BatchMovement, 'kind' | 'amount'>) =>
  m.kind === 'debit' ? -m.amount : m.amount;

/** Each movement's answer, or null where its own route must answer it (see above). */
export async function applyMovements(
  store: Store,
  scope: Scope,
  movements: readonly BatchMovement[],
  now: string,
): Promise<Array<MovementAnswer | null>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.write((trx) => applyIn(trx, scope, movements, now));
    } catch (error) {
      if (attempt >= ATTEMPTS || !lostRace(error)) throw error;
    }
  }
}

async function applyIn(
  trx: Trx,
  scope: Scope,
  movements: readonly BatchMovement[],
  now: string,
): Promise<Array<MovementAnswer | null>> {
  const answers: Array<MovementAnswer | null> = movements.map(() => null);
  const stored = await storedAnswers(trx, scope.resellerId, movements);
  /** The first movement of each key in this batch; later ones answer as its replays. */
  const firstOfKey = new Map<string, number>();
  const fresh: number[] = [];
  movements.forEach((m, i) => {
    const before = stored.get(m.key);
    if (before) {
      if (before.request_hash === m.requestHash) {
        answers[i] = {
          status: before.response_status,
          replayed: true,
          body: JSON.parse(before.response_body),
        };
      }
      return;
    }
    if (!firstOfKey.has(m.key)) {
      firstOfKey.set(m.key, i);
      fresh.push(i);
    }
  });

  const wallets = await lockWallets(
    trx,
    scope.resellerId,
    fresh.map((i) => movements[i]!.walletId),
  );
  const limits = fresh.some((i) => movements[i]!.kind !== 'debit')
    ? new Map((await movementLimits(trx, scope.resellerId)).map((l) => [l.currency, l]))
    : null;

  const writes = new Writes();
  /** Webhook events of the movements taken here (a watched wallet's service raised its own). */
  const events: Record<'debit' | 'credit', MovementResult[]> = { debit: [], credit: [] };
  for (const i of fresh) {
    const m = movements[i]!;
    const wallet = wallets.get(m.walletId);
    // Not the caller's wallet (or none at all): the route says which, as it does alone.
    if (!wallet) continue;
    if (
      m.kind !== 'debit' &&
      checkMovement(m.amount, limits!.get(wallet.row.currency as Currency)!) === 'over_max'
    )
      continue;
    const answer = wallet.watched
      ? await throughService(trx, scope, m, now)
      : takeOrRefuse(wallet.row, m, scope, now, writes);
    if (answer.status === CREATED && m.kind !== 'adjustment' && !wallet.watched) {
      events[m.kind].push(answer.body as MovementResult);
    }
    if (!wallet.watched) writes.key(scope.resellerId, m, answer, now);
    answers[i] = answer;
  }
  // Each repeated key: its first movement's answer, replayed (or its route's, if that one had none).
  movements.forEach((m, i) => {
    const first = firstOfKey.get(m.key);
    if (first === undefined || first === i || answers[i] !== null) return;
    const answer = answers[first];
    if (answer && movements[first]!.requestHash === m.requestHash) answers[i] = { ...answer, replayed: true };
  });

  await writeWallets(
    trx,
    [...wallets.values()].filter((w) => !w.watched),
    now,
  );
  await writes.flush(trx, now);
  await emitMovementEvents(trx, scope.resellerId, 'wallet.payment_made', events.debit, now);
  await emitMovementEvents(trx, scope.resellerId, 'wallet.topped_up', events.credit, now);
  return answers;
}

/**
 * A debit's `wallet.payment_made`, a merchant credit's `wallet.topped_up` (services/wallets/credit.ts),
 * as their routes raise them. An event is only ever read through its deliveries, so on PostgreSQL,
 * where a debit's own route (the one-statement path) records none for a reseller nobody listens
 * for, a batch records none either: one look-up, instead of a row per movement. SQLite's routes
 * always record theirs.
 */
async function emitMovementEvents(
  trx: Trx,
  resellerId: string,
  type: 'wallet.payment_made' | 'wallet.topped_up',
  results: readonly MovementResult[],
  now: string,
): Promise<void> {
  if (results.length === 0) return;
  if (trx.dialect === 'postgres' && !(await hasSubscribers(trx, resellerId, type))) return;
  const datas = results.map((result) => ({ ...result }));
  await emitEvents(trx, resellerId, type, datas, now);
}

type Stored = Pick<IdempotencyKeyTable, 'key' | 'request_hash' | 'response_status' | 'response_body'>;

async function storedAnswers(
  trx: Trx,
  resellerId: string,
  movements: readonly BatchMovement[],
): Promise<Map<string, Stored>> {
  const keys = [...new Set(movements.map((m) => m.key))];
  const found = new Map<string, Stored>();
  for (const part of chunks(keys)) {
    const rows = await trx
      .selectFrom('idempotency_keys')
      .select(['key', 'request_hash', 'response_status', 'response_body'])
      .where('reseller_id', '=', resellerId)
      .where('key', 'in', part)
      .execute();
    for (const row of rows) found.set(row.key, row);
  }
  return found;
}

interface Locked {
  /** The wallet as the movements so far left it (balance, version). */
  row: WalletTable;
  /** Its balance and version when read: the UPDATE moves it from there, if nothing else moved it. */
  read: Pick<WalletTable, 'balance' | 'version'>;
  /** Low-balance alerts or auto top-up watch it: moved through the services, hooks and all. */
  watched: boolean;
}

async function lockWallets(trx: Trx, resellerId: string, ids: string[]): Promise<Map<string, Locked>> {
  const wanted = [...new Set(ids)].sort();
  const locked = new Map<string, Locked>();
  if (wanted.length === 0) return locked;
  const rows = await trx
    .selectFrom('wallets')
    .select(WALLET_COLUMNS)
    // Watched wallets run hooks on every movement (ledger/movements.ts afterWalletMoved).
    .select(
      sql<number>`case when exists (select 1 from wallet_alert_settings a where a.wallet_id = wallets.id)
        or exists (select 1 from wallet_auto_top_ups t where t.wallet_id = wallets.id) then 1 else 0 end`.as(
        'watched',
      ),
    )
    .where('reseller_id', '=', resellerId)
    .where('id', 'in', wanted)
    .orderBy('id')
    .$if(trx.dialect === 'postgres', (q) => q.forUpdate())
    .execute();
  for (const { watched, ...row } of rows) {
    locked.set(row.id, {
      row,
      read: { balance: row.balance, version: row.version },
      watched: Number(watched) === 1,
    });
  }
  return locked;
}

/** Moves the wallet in memory (it is locked) as moveWallet would, or refuses as it would. */
function takeOrRefuse(
  wallet: WalletTable,
  m: BatchMovement,
  scope: Scope,
  now: string,
  writes: Writes,
): MovementAnswer {
  const signed = signedAmount(m);
  const refusal = refusalOf(wallet, { balance: signed, pending: 0 });
  if (refusal) return { status: statusOf(refusal), replayed: false, body: failureBody(refusal) };
  wallet.balance += signed;
  wallet.version += 1;
  wallet.updated_at = now;
  const type = LEDGER_TYPE[m.kind];
  // The row is the movement's audit record too (migration 0450), by whoever sent it.
  const audit = { action: MOVEMENT_AUDIT_ACTION[type], actor: (m.sender ?? scope).actor };
  const row = entryFor(
    wallet,
    { type, amount: signed, description: m.description, reference: m.reference, audit },
    now,
  );
  const result: MovementResult = { transaction: toTransaction(row), wallet: toWallet(wallet) };
  writes.entry(wallet, row, result, now);
  return { status: CREATED, replayed: false, body: result };
}

/** A watched wallet's movement, through its service; its answer is stored under its key here too. */
async function throughService(
  trx: Trx,
  scope: Scope,
  m: BatchMovement,
  now: string,
): Promise<MovementAnswer> {
  const service = SERVICES[m.kind] as (
    trx: Trx,
    scope: Scope,
    input: MovementInput,
    now: string,
  ) => Promise<Result<MovementResult>>;
  let answer: MovementAnswer;
  try {
    const result = await service(trx, m.sender ?? scope, movementInput(m), now);
    answer = result.ok
      ? { status: CREATED, replayed: false, body: result.value }
      : { status: statusOf(result.failure), replayed: false, body: failureBody(result.failure) };
  } catch (error) {
    // A refusal the service does not declare is still a refusal (the route stores it the same way).
    if (!(error instanceof Failure)) throw error;
    answer = { status: statusOf(error), replayed: false, body: failureBody(error) };
  }
  await trx
    .insertInto('idempotency_keys')
    .values(keyRow(scope.resellerId, m, answer, now))
    .execute();
  return answer;
}

const movementInput = (m: BatchMovement): MovementInput => ({
  walletId: m.walletId,
  amount: m.amount,
  description: m.description,
  ...(m.reference === undefined ? {} : { reference: m.reference }),
});

/** The rows of every movement taken, written one INSERT per table (and per 500 rows). */
class Writes {
  private readonly entries: LedgerEntryTable[] = [];
  private readonly changes: ReturnType<typeof changeRows> = [];
  private readonly keys: IdempotencyKeyTable[] = [];
  /**
   * Each wallet's feed row as the batch leaves it: ONE per wallet per batch, after the batch's
   * transactions, rather than one per movement. The feed carries whole records, and a reader only
   * sees the batch once it has committed, so the wallet's intermediate states were never needed —
   * a replay of 1,000 credits over 100 wallets wrote 900 feed rows nobody could use.
   */
  private readonly walletChanges = new Map<string, ChangeInput>();

  entry(wallet: WalletTable, row: LedgerEntryTable, result: MovementResult, now: string) {
    this.entries.push(row);
    const transaction = {
      resellerId: row.reseller_id,
      customerId: row.customer_id,
      entity: 'transaction' as const,
      id: row.id,
      op: 'create' as const,
      data: result.transaction,
    };
    this.changes.push(...changeRows(now, [transaction]));
    this.walletChanges.set(wallet.id, { ...walletChange(wallet), data: result.wallet });
  }

  key(resellerId: string, m: BatchMovement, answer: MovementAnswer, now: string) {
    this.keys.push(keyRow(resellerId, m, answer, now));
  }

  async flush(trx: Trx, now: string) {
    this.changes.push(...changeRows(now, [...this.walletChanges.values()]));
    this.walletChanges.clear();
    if (trx.dialect === 'postgres') return this.flushInOneStatement(trx);
    return this.flushByTable(trx);
  }

  private async flushByTable(trx: Trx) {
    numberedRows(trx, this.changes);
    if (trx.insertRows) {
      trx.insertRows('ledger_entries', this.entries);
      trx.insertRows('changes', this.changes);
      trx.insertRows('idempotency_keys', this.keys);
      return;
    }
    for (const rows of chunks(this.entries)) await trx.insertInto('ledger_entries').values(rows).execute();
    for (const rows of chunks(this.changes)) await trx.insertInto('changes').values(rows).execute();
    for (const rows of chunks(this.keys)) await trx.insertInto('idempotency_keys').values(rows).execute();
  }

  /**
   * PostgreSQL: every row in one statement (data-modifying WITHs), one round trip while the wallets
   * are locked. Each table's rows travel as ONE parameter, a JSON array that json_populate_recordset
   * reads into the table's own row type: as a VALUES list a batch of 1,000 was 40,000 parameters,
   * which Kysely took 50–75 ms to compile (and PostgreSQL to parse) on every batch of a replay.
   * A key stored meanwhile by a concurrent request fails it, and the batch runs again.
   */
  private async flushInOneStatement(trx: Trx) {
    if (this.keys.length === 0) return;
    const tables: Array<[string, readonly object[]]> = [
      ['ledger_entries', this.entries],
      ['changes', this.changes],
    ];
    const writes = tables
      .filter(([, rows]) => rows.length > 0)
      .map(([table, rows]) => rowsFromJson(table, rows));
    const keys = rowsFromJson('idempotency_keys', this.keys);
    const ctes = writes.map((write, i) => sql`${sql.raw(`w${i}`)} AS (${write})`);
    await (ctes.length > 0 ? sql`WITH ${sql.join(ctes)} ${keys}` : keys).execute(trx);
  }
}

const LONE_SURROGATE = /\p{Surrogate}/u;
const LONE_SURROGATES = /\p{Surrogate}/gu;

/**
 * `INSERT INTO table (columns of rows[0]) SELECT them FROM json_populate_recordset(null::table, $1)`:
 * rows of one shape as one JSON parameter, typed by the table itself.
 */
function rowsFromJson(table: string, rows: readonly object[]) {
  // A lone surrogate (a body's "\ud800") is stored as U+FFFD, as a bind parameter's UTF-8 has it;
  // in JSON text its escape would make PostgreSQL refuse the whole statement.
  for (const row of rows as Array<Record<string, unknown>>) {
    for (const [column, value] of Object.entries(row)) {
      if (typeof value === 'string' && LONE_SURROGATE.test(value))
        row[column] = value.replace(LONE_SURROGATES, '\ufffd');
    }
  }
  const columns = sql.join(Object.keys(rows[0]!).map((c) => sql.ref(c)));
  return sql`INSERT INTO ${sql.table(table)} (${columns})
    SELECT ${columns} FROM json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)`;
}

function keyRow(
  resellerId: string,
  m: BatchMovement,
  answer: MovementAnswer,
  now: string,
): IdempotencyKeyTable {
  return {
    reseller_id: resellerId,
    key: m.key,
    request_hash: m.requestHash,
    response_status: answer.status,
    response_body: JSON.stringify(answer.body),
    created_at: now,
  };
}

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) out.push(rows.slice(i, i + ROWS_PER_INSERT));
  return out;
}

/** A key stored by a concurrent request (unique violation), or PostgreSQL breaking a deadlock. */
function lostRace(error: unknown): boolean {
  const { code } = error as { code?: unknown };
  return code === '23505' || code === '40P01' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

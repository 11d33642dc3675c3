/**
 * `npm run bench:ledger`: debits per second through the HTTP API next to an anchor measured in the
 * same run on the same database, on one hot wallet and on 1,000 wallets, for SQLite and PostgreSQL,
 * with zero overdrafts, which the end of each run checks in the database itself. Targets (issue 14):
 * - hot wallet, PostgreSQL: ≥ 5× a `SELECT … FOR UPDATE` transaction per debit (PostgresForUpdateAnchor),
 *   which only batching one wallet's debits can reach;
 * - hot wallet, SQLite: ≥ 1× a bare UPDATE + INSERT transaction per debit (SqliteAnchor);
 * - 1,000 wallets, PostgreSQL: ≥ 0.8× one conditional UPDATE + INSERT statement per debit (PostgresAnchor);
 * - 1,000 wallets, SQLite: ≥ 0.5× SqliteAnchor (ARCHITECTURE.md).
 *
 * Knobs (environment): BENCH_DIALECTS=sqlite,postgres  BENCH_CASES=hot,spread (which cases)
 * BENCH_CONCURRENCY=32  BENCH_WARMUP_MS=2000  BENCH_MEASURE_MS=5000  BENCH_POOL_SIZE (server's pg pool)
 * BENCH_CPU_PROF=<dir> (profile the server).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type RawBuilder } from 'kysely';
import type { DialectName, Store } from '../../src/server/db/database.js';
import { freshDatabase } from '../support/databases.js';
import { PostgresAnchor, PostgresForUpdateAnchor, SqliteAnchor, type Anchor } from './anchors.js';
import { debit, seed, startServer } from './harness.js';
import { Client, closedLoop, syncLoop, type Tally, type Window } from './http-load.js';
import { emitRow } from './bench-rows.js';

const env = process.env;
const DIALECTS = (env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as DialectName[];
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 32);
/** Long enough for V8 to have optimised the API's debit path before anything is counted. */
const WARMUP_MS = Number(env.BENCH_WARMUP_MS ?? 2000);
const MEASURE_MS = Number(env.BENCH_MEASURE_MS ?? 5000);
const CASES = new Set((env.BENCH_CASES ?? 'hot,spread').split(','));
const WALLETS = 1000;
/**
 * Minor units each wallet starts with: far more than the bench can spend, so no debit is refused,
 * and no more than the default movement limit lets one credit bring in ($10,000,000).
 */
const FUNDS = 1_000_000_000;
/** The overdraft probe: DRAIN_REQUESTS concurrent debits of 1 on a wallet holding DRAIN_FUNDS. */
const DRAIN_FUNDS = 100;
const DRAIN_REQUESTS = 400;

interface Row {
  dialect: DialectName;
  wallets: string;
  /** What the anchor does, for the table. */
  anchorName: string;
  /** The least HTTP/anchor ratio that meets the target. */
  target: number;
  anchor: Tally;
  http: Tally;
}

interface Check {
  dialect: DialectName;
  lines: string[];
  ok: boolean;
}

/** Measured time per case is cut into this many slices, anchor and HTTP taking turns (see below). */
const SLICES = 5;
/** Unmeasured start of every slice: the pipeline fills again after the other side's turn. */
const RAMP_MS = 150;

async function benchDialect(dialect: DialectName, rows: Row[]): Promise<Check> {
  const dir = dialect === 'sqlite' ? mkdtempSync(join(tmpdir(), 'ledger-bench-')) : null;
  const file = dir ? join(dir, 'billing.sqlite') : undefined;
  const db = await freshDatabase(dialect, file ? { file } : {});
  const server = await startServer(db, { cpuProfileDir: env.BENCH_CPU_PROF });
  const client = new Client(server.baseUrl, CONCURRENCY);
  const sqliteAnchor = dialect === 'sqlite' ? new SqliteAnchor(file!) : null;
  const statementAnchor = dialect === 'postgres' ? new PostgresAnchor(db.url, db.schema!, CONCURRENCY) : null;
  const forUpdateAnchor =
    dialect === 'postgres' ? new PostgresForUpdateAnchor(db.url, db.schema!, CONCURRENCY) : null;
  const anchors = [sqliteAnchor, statementAnchor, forUpdateAnchor].filter(
    (a): a is NonNullable<typeof a> => !!a,
  );
  try {
    progress(`${dialect}: seeding ${WALLETS} wallets through the API`);
    const seeded = await seed(client, {
      wallets: WALLETS,
      funds: FUNDS,
      probeFunds: DRAIN_FUNDS,
      concurrency: CONCURRENCY,
    });
    // The seed's own records: each wallet, created with its funds, is stored under its key too.
    const seededKeys = await countKeys(db.store);
    const httpStatuses = new Map<number, number>();
    const cases = [
      {
        name: 'hot',
        label: '1 hot wallet',
        walletIds: seeded.walletIds.slice(0, 1),
        anchor: sqliteAnchor ?? forUpdateAnchor!,
        anchorName: sqliteAnchor ? 'UPDATE + INSERT txn' : 'SELECT … FOR UPDATE txn',
        target: dialect === 'sqlite' ? 1 : 5,
      },
      {
        name: 'spread',
        label: `${WALLETS.toLocaleString('en-US')} wallets`,
        walletIds: seeded.walletIds,
        anchor: sqliteAnchor ?? statementAnchor!,
        anchorName: sqliteAnchor ? 'UPDATE + INSERT txn' : 'one UPDATE+INSERT stmt',
        target: dialect === 'sqlite' ? 0.5 : 0.8,
      },
    ].filter((c) => CASES.has(c.name));
    for (const { label, walletIds, anchor, anchorName, target } of cases) {
      let n = 0;
      const nextWallet = () => walletIds[n++ % walletIds.length]!;
      const runAnchor = (window: Window): Promise<Tally> =>
        anchor instanceof SqliteAnchor
          ? Promise.resolve(syncLoop(window, () => anchor.debit(nextWallet())))
          : closedLoop(CONCURRENCY, window, () =>
              (anchor as PostgresAnchor | PostgresForUpdateAnchor).debit(nextWallet()),
            );
      const runHttp = (window: Window): Promise<Tally> =>
        closedLoop(CONCURRENCY, window, async () => {
          const answer = await client.post(debit(seeded.admin, nextWallet()));
          httpStatuses.set(answer.status, (httpStatuses.get(answer.status) ?? 0) + 1);
          if (answer.status !== 201 && httpStatuses.get(answer.status) === 1) {
            progress(`${dialect}, ${label}: unexpected answer ${answer.status} ${answer.body}`);
          }
          return answer.status === 201;
        });

      progress(`${dialect}, ${label}: warm-up, then ${SLICES} turns each of anchor and HTTP`);
      await runAnchor({ warmupMs: WARMUP_MS / 2, measureMs: 0 });
      await runHttp({ warmupMs: WARMUP_MS, measureMs: 0 });
      // Taking turns in short slices, rather than one long run each, lets both sides see the same
      // machine: a disk whose fsync time drifts, or another process waking up, shifts both alike.
      const slice = { warmupMs: RAMP_MS, measureMs: MEASURE_MS / SLICES };
      const row: Row = {
        dialect,
        wallets: label,
        anchorName,
        target,
        anchor: emptyTally(),
        http: emptyTally(),
      };
      for (let s = 0; s < SLICES; s++) {
        addTo(row.anchor, await runAnchor(slice));
        addTo(row.http, await runHttp(slice));
      }
      rows.push(row);
    }

    progress(`${dialect}: overdraft probe`);
    const drain = await Promise.all(
      Array.from({ length: DRAIN_REQUESTS }, () => client.post(debit(seeded.admin, seeded.probeWalletId))),
    );
    const drainStatuses = countBy(drain.map((a) => a.status));
    for (const [status, count] of drainStatuses)
      httpStatuses.set(status, (httpStatuses.get(status) ?? 0) + count);
    const anchorTotal = anchors.reduce((sum, a: Anchor) => sum + a.committed, 0);
    return await verify(db.store, dialect, { anchorTotal, httpStatuses, drainStatuses, seededKeys });
  } finally {
    for (const anchor of anchors) await anchor.close();
    client.close();
    await server.stop();
    await db.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

const emptyTally = (): Tally => ({ counted: 0, latencies: [] });
function addTo(total: Tally, part: Tally) {
  total.counted += part.counted;
  for (const l of part.latencies) total.latencies.push(l);
}

async function countKeys(store: Store): Promise<number> {
  const { rows } = await sql<{
    keys: number | string;
  }>`select count(*) as keys from idempotency_keys`.execute(store.db);
  return Number(rows[0]!.keys);
}

/** What the database holds must add up: every wallet is the sum of its ledger, none below zero. */
async function verify(
  store: Store,
  dialect: DialectName,
  run: {
    anchorTotal: number;
    httpStatuses: Map<number, number>;
    drainStatuses: Map<number, number>;
    seededKeys: number;
  },
): Promise<Check> {
  const one = async (query: RawBuilder<Record<string, unknown>>) => {
    const { rows } = await query.execute(store.db);
    return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
  };
  const wallets = await one(sql`
    select count(*) as wallets,
      sum(case when w.balance <> coalesce(l.total, 0) then 1 else 0 end) as mismatched,
      sum(case when w.version <> coalesce(l.entries, 0) then 1 else 0 end) as gaps,
      sum(case when w.balance < 0 or w.balance < w.pending_charges then 1 else 0 end) as overdrawn
    from wallets w
    left join (select wallet_id, sum(amount) as total, count(*) as entries
               from ledger_entries group by wallet_id) l on l.wallet_id = w.id`);
  const ledger = await one(sql`
    select count(*) as entries,
      sum(case when type = 'payment' then 1 else 0 end) as payments,
      sum(case when balance_after < 0 then 1 else 0 end) as negative
    from ledger_entries`);
  const feed = await one(sql`
    select sum(case when entity = 'transaction' then 1 else 0 end) as transactions from changes`);
  // A debit's ledger row is its audit record (migration 0450): the anchor's rows name no action.
  const audit = await one(
    sql`select count(*) as debits from ledger_entries where audit_action = 'wallet.debited'`,
  );

  const keys = (await countKeys(store)) - run.seededKeys;
  const created = run.httpStatuses.get(201) ?? 0;
  const answered = [...run.httpStatuses.values()].reduce((a, b) => a + b, 0);
  const drained = run.drainStatuses.get(201) ?? 0;
  const refused = run.drainStatuses.get(422) ?? 0;
  const expectedPayments = run.anchorTotal + created;
  const checks = {
    'every balance = Σ its ledger rows': wallets.mismatched === 0,
    'every version = its ledger row count': wallets.gaps === 0,
    'no balance below zero or below pending': wallets.overdrawn === 0 && ledger.negative === 0,
    'payments = anchor + HTTP 201s': ledger.payments === expectedPayments,
    'a change-feed row per HTTP movement': feed.transactions === ledger.entries! - run.anchorTotal,
    'an idempotency record per HTTP debit': keys === answered,
    'an audit record per accepted HTTP debit': audit.debits === created,
    'overdraft probe spent exactly the funds':
      drained === DRAIN_FUNDS && refused === DRAIN_REQUESTS - DRAIN_FUNDS,
    'no HTTP answer other than 201 and the probe’s 422s': answered === created + refused,
  };
  const failed = Object.entries(checks)
    .filter(([, ok]) => !ok)
    .map(([name]) => name);
  const n = (x: number | undefined) => (x ?? 0).toLocaleString('en-US');
  return {
    dialect,
    ok: failed.length === 0,
    lines: [
      `${dialect}: ${n(wallets.wallets)} wallets, ${n(wallets.mismatched)} with balance ≠ Σ ledger, ` +
        `${n(wallets.overdrawn)} overdrawn, ${n(ledger.negative)} ledger rows below zero`,
      `  ledger payments ${n(ledger.payments)} = anchor ${n(run.anchorTotal)} + HTTP ${n(created)}; ` +
        `change-feed transaction rows ${n(feed.transactions)}; idempotency records of debits ${n(keys)}; ` +
        `debit audit records ${n(audit.debits)}`,
      `  overdraft probe: ${n(DRAIN_REQUESTS)} concurrent debits of 1 on a wallet holding ${DRAIN_FUNDS}: ` +
        `${n(drained)} accepted, ${n(refused)} refused insufficient_funds`,
      failed.length === 0 ? '  all checks passed' : `  FAILED: ${failed.join('; ')}`,
    ],
  };
}

function countBy(values: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function progress(message: string) {
  process.stderr.write(`· ${message}\n`);
}

function table(rows: Row[]): string {
  const seconds = MEASURE_MS / 1000;
  const rate = (t: Tally) => t.counted / seconds;
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const lines = [
    [
      'dialect',
      'wallets',
      'anchor',
      'anchor debits/s',
      'HTTP debits/s',
      'HTTP/anchor',
      'target',
      'HTTP p50 ms',
      'HTTP p99 ms',
    ],
    ...rows.map((r) => [
      r.dialect,
      r.wallets,
      r.anchorName,
      n(rate(r.anchor)),
      n(rate(r.http)),
      (rate(r.http) / rate(r.anchor)).toFixed(2),
      `≥ ${r.target}×`,
      percentile(r.http.latencies, 0.5).toFixed(1),
      percentile(r.http.latencies, 0.99).toFixed(1),
    ]),
  ];
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const format = (l: string[]) =>
    l.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [format(lines[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.slice(1).map(format)].join(
    '\n',
  );
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const rows: Row[] = [];
const checks: Check[] = [];
const began = performance.now();
const loadBefore = loadavg()[0]!;
for (const dialect of DIALECTS) checks.push(await benchDialect(dialect, rows));

console.log(`
Ledger debits: HTTP API vs anchor on the same database, measured in one run
  API server: child process (fork of test/bench/server-child.ts, own event loop); load generator and
  anchors in this process. HTTP/1.1 keep-alive over node:net (autocannon-style), ${CONCURRENCY} requests
  in flight, POST /v1/wallets/:id/debits with a reseller admin API key and a fresh Idempotency-Key each.
  Anchors: SQLite = better-sqlite3 prepared UPDATE … RETURNING + INSERT, one transaction per debit, WAL,
  synchronous=FULL. PostgreSQL, ${CONCURRENCY} at a time over a pg Pool of as many connections
  (synchronous_commit as the server has it): hot wallet = BEGIN; SELECT … FOR UPDATE; UPDATE; INSERT;
  COMMIT per debit; 1,000 wallets = one WITH … UPDATE … INSERT statement per debit, autocommit.
  Per case: warm-up, then ${MEASURE_MS / 1000} s measured for each side, in ${SLICES} turns of anchor then HTTP.
  Node ${process.version}, ${availableParallelism()} CPUs shared by load generator, API and database;
  load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after (other work on the machine skews both sides).

${table(rows)}

Checks (in the database, after the run):
${checks.flatMap((c) => c.lines).join('\n')}

total ${((performance.now() - began) / 1000).toFixed(0)} s`);
for (const r of rows) {
  const seconds = MEASURE_MS / 1000;
  const [anchor, http] = [r.anchor.counted / seconds, r.http.counted / seconds];
  emitRow({
    measure: `Ledger debits over HTTP, ${r.wallets} (${r.dialect})`,
    anchor: `${r.anchorName} ${Math.round(anchor).toLocaleString('en-US')}/s`,
    ours: `${Math.round(http).toLocaleString('en-US')}/s`,
    ratio: http / anchor,
    target: `≥ ${r.target}× ${r.anchorName}, 0 overdrafts`,
    met: http / anchor >= r.target && checks.every((c) => c.ok),
    judged: http / anchor,
    higherIsBetter: true,
  });
}
if (checks.some((c) => !c.ok)) process.exitCode = 1;

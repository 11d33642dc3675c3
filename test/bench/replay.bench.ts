/**
 * `npm run bench:replay`: an offline console replays 10,000 queued writes (merchant credits over 100
 * wallets), a fifth of which the server already applied before the console died (their answers
 * lost: replayed by key, not applied again). Ours: the real outbox pusher (POST /v1/batch, 200 a
 * request) against the API in a child process, from the first request until the outbox is empty.
 * Anchor: the same ledger rows inserted in one transaction on the same database (replay-anchor.ts).
 * After each run the database is checked: one ledger row per queued write, no double. The report
 * also gives the floor: the rows the drain wrote, inserted again in one transaction (replay-floor.ts).
 *
 * Knobs: BENCH_DIALECTS=sqlite,postgres  BENCH_REPLAY_OPS=10000  BENCH_QUICK=1 (2,000 ops, SQLite)
 * BENCH_CPU_PROF=<dir> (profile the API process; profile this one with node --cpu-prof).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { DialectName } from '../../src/server/db/database.js';
import { freshDatabase } from '../support/databases.js';
import {
  applyBehindTheOutbox,
  drain,
  offlineConsole,
  queueCredits,
  REPLAY_ACCOUNT,
} from '../support/replay.js';
import { emitRow, quick } from './bench-rows.js';
import { emitLoopDelayRow, watchEventLoop } from './loop-delay.js';
import { seed, startServer } from './harness.js';
import { Client } from './http-load.js';
import { anchorSeconds } from './replay-anchor.js';
import { floorSeconds } from './replay-floor.js';

const env = process.env;
const DIALECTS = (env.BENCH_DIALECTS ?? (quick ? 'sqlite' : 'sqlite,postgres')).split(',') as DialectName[];
const OPS = Number(env.BENCH_REPLAY_OPS ?? (quick ? 2_000 : 10_000));
const WALLETS = 100;
/** Every fifth write reached the server before the crash. */
const DUPLICATE_EVERY = 5;

async function benchDialect(dialect: DialectName) {
  const dir = dialect === 'sqlite' ? mkdtempSync(join(tmpdir(), 'replay-bench-')) : null;
  const file = dir ? join(dir, 'billing.sqlite') : undefined;
  const db = await freshDatabase(dialect, file ? { file } : {});
  const server = await startServer(db, { cpuProfileDir: env.BENCH_CPU_PROF });
  try {
    const seeded = await seed(new Client(server.baseUrl, 4), {
      wallets: WALLETS,
      funds: 1_000,
      probeFunds: 1,
      concurrency: 4,
    });
    const label = `Replay ${dialect}`;
    const c = offlineConsole(server.baseUrl, seeded.admin);
    const queued = queueCredits(c, seeded.walletIds, OPS, label);
    await applyBehindTheOutbox(
      server.baseUrl,
      seeded.admin,
      queued.filter((_, i) => i % DUPLICATE_EVERY === 0),
    );
    const anchor = OPS / (await anchorSeconds({ ...db, file }, seeded.probeWalletId, OPS, 1_000_000));

    const since = new Date().toISOString();
    const started = performance.now();
    const loop = watchEventLoop();
    await drain(c);
    const seconds = (performance.now() - started) / 1000;
    const loopDelay = loop.stop();
    const left = c.outbox.counts(REPLAY_ACCOUNT);
    const counted = await sql<{ rows: number | string; distinct_rows: number | string }>`
      select count(*) as rows, count(distinct description) as distinct_rows from ledger_entries
      where description like ${`${label} #%`}`.execute(db.store.db);
    const rows = Number(counted.rows[0]!.rows);
    const doubles = rows - Number(counted.rows[0]!.distinct_rows);
    const ours = OPS / seconds;
    const ratio = ours / anchor;
    const ok = rows === OPS && doubles === 0 && left.pending === 0 && left.rejected === 0;
    console.log(
      `${dialect}: ${OPS} ops (${OPS / DUPLICATE_EVERY} duplicates) in ${seconds.toFixed(2)} s = ` +
        `${Math.round(ours)} ops/s in ${c.batches} batches; anchor ${Math.round(anchor)} rows/s; ` +
        `ratio ${ratio.toFixed(3)}; ledger rows ${rows}, doubles ${doubles}, outbox left ${JSON.stringify(left)}`,
    );
    // Not a target: how far the rows a replay must write let it come to the anchor at best.
    const floor = await floorSeconds({ ...db, file }, since);
    const floorRate = OPS / floor.seconds;
    console.log(
      `${dialect}: the rows the drain wrote (${JSON.stringify(floor.rows)}), inserted again in one ` +
        `transaction: ${floor.seconds.toFixed(3)} s = ${Math.round(floorRate)} ops/s, ` +
        `${(floorRate / anchor).toFixed(3)}× the anchor; ours is ${(ours / floorRate).toFixed(3)}× that`,
    );
    emitRow({
      measure: `Offline replay ${OPS.toLocaleString('en-US')} ops, 20% duplicates (${dialect})`,
      anchor: `${Math.round(anchor).toLocaleString('en-US')} rows/s`,
      ours: `${Math.round(ours).toLocaleString('en-US')} ops/s, ${doubles} doubles`,
      ratio,
      target: '≥ 0.5×, 0 doubles',
      met: ok && ratio >= 0.5,
      judged: ratio,
      higherIsBetter: true,
    });
    emitLoopDelayRow(`offline replay (${dialect})`, loopDelay);
    return ok;
  } finally {
    await server.stop();
    await db.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

const loadBefore = loadavg()[0]!;
console.log(
  `Offline replay: the outbox pusher (POST /v1/batch) vs one-transaction insert of the same rows\n` +
    `  Node ${process.version}, ${availableParallelism()} CPUs, load average ${loadBefore.toFixed(1)} before`,
);
let allOk = true;
for (const dialect of DIALECTS) allOk = (await benchDialect(dialect)) && allOk;
console.log(`load average ${loadavg()[0]!.toFixed(1)} after`);
if (!allOk) process.exitCode = 1;

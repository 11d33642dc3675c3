/**
 * `npm run bench:reads`: the desktop's filtered history reads and CSV export over a big cache.
 *
 * A cache is filled through the feed writer (test/support/history-seed.ts) with BENCH_READS_ROWS ledger rows
 * of one wallet (top-ups, payments, refunds, credits, a minute apart), then the desktop core
 * (createDesktopCore) serves it:
 * (e) a 50-row page for each filter (a type; dates; a type and dates) through the core's real IPC
 *     dispatch ('wallets:history') at a spread of offsets, next to the same page SQL on a bare
 *     connection (the anchor: the key range already known). Target: handler p99 ≤ raw p99 + 1 ms for
 *     every filter. For reference, the textbook LIMIT/OFFSET + count(*) this replaced.
 * (f) a CSV export of BENCH_EXPORT_ROWS rows through 'wallets:export-csv' (streamed to a file), while
 *     history pages are asked for back to back: the core's event-loop delay p99
 *     (perf_hooks.monitorEventLoopDelay) and how many requests were answered meanwhile; the anchor
 *     is the former export, the whole CSV built as one string on the core's thread.
 * (g) the Customers screen scrolled anywhere: a 50-customer page of the whole list at a spread of
 *     offsets over BENCH_CUSTOMERS customers, through 'customers:search', next to the same SQL on a
 *     bare connection. Target: handler p99 ≤ raw p99 + 1 ms. For reference, the former read (a LIKE
 *     on every row, the whole table sorted for each page, and a count of the matches).
 * (h) a wallet picker's page (or the dashboard's next cards) anywhere in the whole list of wallets by
 *     customer name, one per customer above, past the wallet before it, through 'wallets:search',
 *     next to the same SQL on a bare connection. Target: handler p99 ≤ raw p99 + 1 ms. For reference, the former read: every wallet
 *     with its customer's name, sorted, for the screen to slice.
 *
 * The machine may be shared: sides are interleaved so that they see the same load.
 * Knobs: BENCH_READS_ROWS=1000000  BENCH_EXPORT_ROWS=500000  BENCH_READS_ROUNDS=30  BENCH_CUSTOMERS=100000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SqliteDatabase from 'better-sqlite3';
import { cacheMigrations } from '../../src/main/cache/cache-migrations.js';
import { CacheStore } from '../../src/main/cache/cache-store.js';
import { openLocalDatabase } from '../../src/main/cache/open-database.js';
import { createDesktopCore } from '../../src/main/core.js';
import { feedPage } from '../../src/main/sync/feed-page.js';
import type { EntityChange } from '../../src/shared/api/sync.js';
import { testCustomer, testWallet } from '../../src/shared/testing/records.js';
import { AFTER_WALLET, walletPageSql } from '../../src/main/cache/wallet-reads.js';
import { MemorySecretStore } from '../../src/main/session/secret-store.js';
import type { ExportProgress, HistoryPage } from '../../src/shared/ipc-contract.js';
import { toDecimalString } from '../../src/shared/money.js';
import { emitRow, quick } from './bench-rows.js';
import { HISTORY_WALLET, historyDay, seedHistoryCache } from '../support/history-seed.js';
import { LOOP_DELAY_TARGET_MS, watchEventLoop } from './loop-delay.js';

const env = process.env;
const ROWS = Number(env.BENCH_READS_ROWS ?? (quick ? 100_000 : 1_000_000));
const EXPORT_ROWS = Math.min(ROWS, Number(env.BENCH_EXPORT_ROWS ?? (quick ? 50_000 : 500_000)));
const ROUNDS = Number(env.BENCH_READS_ROUNDS ?? (quick ? 10 : 30));
const CUSTOMERS = Number(env.BENCH_CUSTOMERS ?? (quick ? 20_000 : 100_000));
const PAGE = 50;
const SENDER = { id: 'bench-window' };
const WALLET = HISTORY_WALLET;

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const progress = (message: string) => process.stderr.write(`· ${message}\n`);
const day = historyDay;

interface Filter {
  label: string;
  type?: string;
  from?: string;
  to?: string;
}

/** (e) p99 per filter: dispatch, the page SQL raw, and OFFSET + count(*) (fewer rounds: it is slow). */
async function measureFilters(
  dispatch: (input: unknown) => Promise<{ ok: boolean; value?: unknown }>,
  cacheFile: string,
) {
  const raw = new SqliteDatabase(cacheFile, { readonly: true });
  const filters: Filter[] = [
    { label: 'type', type: 'refund' },
    { label: 'dates', from: day(ROWS * 0.2), to: day(ROWS * 0.8) },
    { label: 'type + dates', type: 'payment', from: day(ROWS * 0.2), to: day(ROWS * 0.8) },
  ];
  const results: Array<{ label: string; handler: number; raw: number; offset: number }> = [];
  for (const f of filters) {
    const input = {
      walletId: WALLET,
      ...(f.type ? { type: f.type } : {}),
      ...(f.from ? { from: f.from, to: f.to } : {}),
    };
    // The range the handler finds; the anchor is given it, so it runs only the page's SQL.
    const first = (await dispatch({ ...input, offset: 0, limit: 1 })).value as HistoryPage;
    const total = first.total!;
    const top = first.items[0];
    const key = f.type ? 'type_ordinal' : 'ordinal';
    const keyOf = raw.prepare(`select ${key} from transactions where id = ?`).pluck();
    const hi = top ? (keyOf.get(top.id) as number) : 0;
    const lo = hi - total + 1;
    const byKey = raw.prepare(
      `select * from transactions where wallet_id = ? ${f.type ? 'and type = ?' : ''} and ${key} >= ? and ${key} <= ?
       order by ${key} desc limit ?`,
    );
    const where = [
      'wallet_id = ?',
      ...(f.type ? ['type = ?'] : []),
      ...(f.from ? ['created_at >= ?', 'created_at < ?'] : []),
    ];
    const params = [
      WALLET,
      ...(f.type ? [f.type] : []),
      ...(f.from
        ? [
            `${f.from}T00:00:00.000Z`,
            new Date(Date.parse(`${f.to}T00:00:00.000Z`) + 86_400_000).toISOString(),
          ]
        : []),
    ];
    const byOffset = raw.prepare(
      `select * from transactions where ${where.join(' and ')} order by seq desc limit ? offset ?`,
    );
    const counted = raw.prepare(`select count(*) from transactions where ${where.join(' and ')}`).pluck();
    const last = Math.max(0, total - PAGE);
    const offsets = [
      ...new Set(Array.from({ length: 12 }, (_, j) => Math.round((j * last) / 11 / PAGE) * PAGE)),
    ];
    const times = await timeSides(offsets, (offset, round) => [
      [
        'handler',
        async () => ids(((await dispatch({ ...input, offset, limit: PAGE })).value as HistoryPage).items),
      ],
      ['raw', () => ids(byKey.all(...(f.type ? [WALLET, f.type] : [WALLET]), lo, hi - offset, PAGE))],
      // The former read is slow: a few rounds of it are enough.
      ...(round < 3
        ? [
            [
              'offset',
              () => {
                const page = byOffset.all(...params, PAGE, offset);
                if (offset === 0) counted.get(...params);
                return ids(page);
              },
            ] as const,
          ]
        : []),
    ]);
    results.push({
      label: `${f.label} (${n(total)} rows)`,
      handler: p99(times.handler),
      raw: p99(times.raw),
      offset: p99(times.offset),
    });
  }
  raw.close();
  return results;
}

interface CachedRow {
  created_at: string;
  type: string;
  amount: number;
  currency: string;
  status: string;
  description: string;
  reference: string | null;
  balance_after: number;
}

/** (f) The former export: every row of the filter into one string, on this thread. */
function blockingExport(cacheFile: string, filter: { from: string }): { seconds: number; bytes: number } {
  const db = new SqliteDatabase(cacheFile, { readonly: true });
  const cell = (value: string) => `"${value.replace(/"/g, '""')}"`;
  const t = performance.now();
  const lines = ['Date,Type,Amount,Currency,Status,Description,Reference,Balance after'];
  for (const r of db
    .prepare('select * from transactions where wallet_id = ? and created_at >= ? order by ordinal desc')
    .iterate(WALLET, `${filter.from}T00:00:00.000Z`) as Iterable<CachedRow>) {
    lines.push(
      [
        r.created_at,
        r.type,
        toDecimalString(r.amount, 'USD'),
        r.currency,
        r.status,
        r.description,
        r.reference ?? '',
        toDecimalString(r.balance_after, 'USD'),
      ]
        .map(cell)
        .join(','),
    );
  }
  const csv = `${lines.join('\r\n')}\r\n`;
  const seconds = (performance.now() - t) / 1000;
  db.close();
  return { seconds, bytes: csv.length };
}

async function measureExport(
  core: Awaited<ReturnType<typeof createDesktopCore<typeof SENDER>>>,
  from: string,
) {
  const done = new Promise<ExportProgress>((resolve) =>
    core.events.on('exports:progress', (p) => p.state !== 'running' && resolve(p)),
  );
  const t = performance.now();
  const loop = watchEventLoop();
  const started = await core.dispatch(SENDER, 'wallets:export-csv', { walletId: WALLET, from });
  if (!started.ok) throw new Error(`export failed to start: ${started.error.message}`);
  let ended = false;
  void done.then(() => (ended = true));
  let answered = 0;
  const latencies: number[] = [];
  while (!ended) {
    const q = performance.now();
    const page = await core.dispatch(SENDER, 'wallets:history', {
      walletId: WALLET,
      offset: answered * PAGE,
      limit: PAGE,
    });
    if (!page.ok) throw new Error('a history page failed during the export');
    latencies.push(performance.now() - q);
    answered++;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const result = await done;
  const delay = loop.stop();
  const seconds = (performance.now() - t) / 1000;
  if (result.state !== 'done') throw new Error(`export ended ${result.state}`);
  return {
    seconds,
    rows: result.written,
    delayP99: delay.p99Ms,
    delayMax: delay.maxMs,
    answered,
    latencyP99: p99(latencies),
  };
}

/** (g, h) CUSTOMERS more customers through the feed writer, named in no particular order, a wallet each. */
function seedCustomers(dataDir: string): void {
  const { db } = openLocalDatabase(join(dataDir, 'cache.sqlite'), cacheMigrations, { rebuildable: true });
  const cache = new CacheStore(db);
  const from = cache.cursor();
  for (let start = 0; start < CUSTOMERS; start += 10_000) {
    const changes: EntityChange[] = [];
    for (let i = start; i < Math.min(CUSTOMERS, start + 10_000); i++) {
      const data = testCustomer({
        id: `cus_b${String(i).padStart(7, '0')}`,
        name: `Customer ${String((i * 7_919) % CUSTOMERS).padStart(7, '0')}`,
        email: `c${i}@example.com`,
      });
      const wallet = testWallet({ id: `wal_b${String(i).padStart(7, '0')}`, customerId: data.id });
      changes.push(
        { seq: from + 2 * i + 1, entity: 'customer', id: data.id, op: 'create', data },
        { seq: from + 2 * i + 2, entity: 'wallet', id: wallet.id, op: 'create', data: wallet },
      );
    }
    cache.applyPage(feedPage(changes, from + 2 * start + changes.length));
  }
  db.close();
}

/** (g) p99 of a page of the whole customer list: dispatch, the same SQL raw, the former read. */
async function measureCustomers(
  dispatch: (input: unknown) => Promise<{ ok: boolean; value?: unknown }>,
  cacheFile: string,
) {
  const raw = new SqliteDatabase(cacheFile, { readonly: true });
  const page = raw.prepare('select * from customers order by name collate nocase, id limit ? offset ?');
  const count = raw.prepare('select count(*) from customers').pluck();
  const formerPage = raw.prepare(
    `select * from customers not indexed where search_text like '%%' order by name collate nocase, id limit ? offset ?`,
  );
  const formerCount = raw.prepare(`select count(*) from customers where search_text like '%%'`).pluck();
  const total = count.get() as number;
  const offsets = Array.from({ length: 12 }, (_, j) => Math.round((j * (total - PAGE)) / 11));
  const times = await timeSides(offsets, (offset, round) => [
    [
      'handler',
      async () =>
        ids(((await dispatch({ query: '', offset, limit: PAGE })).value as { items: unknown[] }).items),
    ],
    [
      'raw',
      () => {
        const rows = page.all(PAGE, offset);
        count.get();
        return ids(rows);
      },
    ],
    ...(round < 3
      ? [
          [
            'former',
            () => {
              const rows = formerPage.all(PAGE, offset);
              formerCount.get();
              return ids(rows);
            },
          ] as const,
        ]
      : []),
  ]);
  raw.close();
  return { total, handler: p99(times.handler), raw: p99(times.raw), former: p99(times.former) };
}

/** (h) p99 of a page of the whole wallet list: dispatch, the same SQL raw, the former read. */
async function measureWallets(
  dispatch: (input: unknown) => Promise<{ ok: boolean; value?: unknown }>,
  cacheFile: string,
) {
  const raw = new SqliteDatabase(cacheFile, { readonly: true });
  const first = raw.prepare(walletPageSql(''));
  const later = raw.prepare(walletPageSql(`where ${AFTER_WALLET}`));
  const count = raw.prepare('select count(*) from wallets').pluck();
  const formerAll = raw.prepare(
    `select w.*, coalesce(c.name, '') as customer_name from wallets w left join customers c on c.id = w.customer_id
     order by c.name, w.currency`,
  );
  const total = count.get() as number;
  const offsets = Array.from({ length: 12 }, (_, j) => Math.round((j * (total - PAGE)) / 11));
  // Where a page at each offset starts: past the wallet before it (found here, untimed).
  const walletAt = raw.prepare(
    `select c.name as customerName, c.id as customerId, w.currency from customers c cross join wallets w
     on w.customer_id = c.id order by c.name collate nocase, c.id, w.currency limit 1 offset ?`,
  );
  const afters = new Map(
    offsets.map((offset) => [
      offset,
      offset === 0
        ? undefined
        : (walletAt.get(offset - 1) as { customerName: string; customerId: string; currency: string }),
    ]),
  );
  const times = await timeSides(offsets, (offset, round) => {
    const after = afters.get(offset);
    return [
      [
        'handler',
        async () =>
          ids(((await dispatch({ query: '', after, limit: PAGE })).value as { items: unknown[] }).items),
      ],
      [
        'raw',
        () => {
          const rows = after
            ? later.all(after.customerName, after.customerId, after.customerId, after.currency, PAGE)
            : first.all(PAGE);
          count.get();
          return ids(rows);
        },
      ],
      // A whole-table read of a second or so: one round of it is enough.
      ...(round < 1 ? [['former', () => ids(formerAll.all().slice(offset, offset + PAGE))] as const] : []),
    ];
  });
  raw.close();
  return { total, handler: p99(times.handler), raw: p99(times.raw), former: p99(times.former) };
}

type Side<K extends string> = readonly [side: K, read: () => Promise<string> | string];

/** A page's rows as one comparable string: the sides must read the same page. */
const ids = (rows: unknown[]) => (rows as Array<{ id: string }>).map((r) => r.id).join();

/**
 * Times each side's read of the page at every offset, ROUNDS times after two warm-up rounds, the
 * sides in a random order each time (so that they see the same load); throws if two sides read
 * different pages. Answers every side's times.
 */
async function timeSides<K extends string>(
  offsets: readonly number[],
  sidesAt: (offset: number, round: number) => ReadonlyArray<Side<K>>,
): Promise<Record<K, number[]>> {
  const times = {} as Record<K, number[]>;
  for (let round = -2; round < ROUNDS; round++) {
    for (const offset of offsets) {
      const pages = new Set<string>();
      for (const [side, read] of [...sidesAt(offset, round)].sort(() => Math.random() - 0.5)) {
        const t = performance.now();
        pages.add(await read());
        if (round >= 0) (times[side] ??= []).push(performance.now() - t);
      }
      if (pages.size !== 1) throw new Error(`the sides read different pages at offset ${offset}`);
    }
  }
  return times;
}

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(0.99 * sorted.length) - 1)] ?? NaN;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'reads-bench-'));
  try {
    const t = performance.now();
    progress(`filling a cache with ${n(ROWS)} ledger rows through the feed writer`);
    seedHistoryCache(dir, ROWS);
    seedCustomers(dir);
    progress(
      `filled in ${((performance.now() - t) / 1000).toFixed(1)} s, with ${n(CUSTOMERS)} more customers`,
    );
    const cacheFile = join(dir, 'cache.sqlite');
    const core = await createDesktopCore(
      { dataDir: dir, secrets: new MemorySecretStore(), openExternal: async () => false },
      (sender) => sender === SENDER,
    );
    try {
      progress('(e) filtered history pages');
      const filters = await measureFilters(
        (input) => core.dispatch(SENDER, 'wallets:history', input),
        cacheFile,
      );
      // The export's filter: the newest EXPORT_ROWS rows, by date.
      const from = day(ROWS - EXPORT_ROWS);
      progress('(f) the former export, one string on this thread');
      const anchor = blockingExport(cacheFile, { from });
      progress('(f) the streamed export, with history pages asked for meanwhile');
      const ours = await measureExport(core, from);
      progress('(g) pages of the whole customer list');
      const customers = await measureCustomers(
        (input) => core.dispatch(SENDER, 'customers:search', input),
        cacheFile,
      );
      progress('(h) pages of the whole wallet list');
      const wallets = await measureWallets(
        (input) => core.dispatch(SENDER, 'wallets:search', input),
        cacheFile,
      );
      report(filters, anchor, ours, customers, wallets);
    } finally {
      await core.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(
  filters: Awaited<ReturnType<typeof measureFilters>>,
  anchor: ReturnType<typeof blockingExport>,
  ours: Awaited<ReturnType<typeof measureExport>>,
  customers: Awaited<ReturnType<typeof measureCustomers>>,
  wallets: Awaited<ReturnType<typeof measureCustomers>>,
) {
  const ms = (x: number) => x.toFixed(2).padStart(9);
  const out = [
    '',
    `History pages of ${PAGE} rows from a wallet of ${n(ROWS)} rows, filtered: p99 ms`,
    `${'filter'.padEnd(34)}${'handler'.padStart(9)}${'raw'.padStart(9)}${'OFFSET+count'.padStart(14)}`,
    ...filters.map((f) => `${f.label.padEnd(34)}${ms(f.handler)}${ms(f.raw)}${ms(f.offset).padStart(14)}`),
    '',
    `CSV export of ${n(ours.rows)} rows: streamed in ${ours.seconds.toFixed(2)} s; event-loop delay p99 ` +
      `${ours.delayP99.toFixed(1)} ms (max ${ours.delayMax.toFixed(1)} ms); ${n(ours.answered)} history pages ` +
      `answered meanwhile (p99 ${ours.latencyP99.toFixed(2)} ms). Former: one ${n(anchor.bytes / 1e6)} MB string ` +
      `built in ${anchor.seconds.toFixed(2)} s on the core's thread.`,
    '',
    `Customers screen: a page of ${PAGE} of the whole list of ${n(customers.total)}, anywhere in it: p99 ms`,
    `${'handler'.padStart(9)}${'raw'.padStart(9)}${'former read'.padStart(14)}`,
    `${ms(customers.handler)}${ms(customers.raw)}${ms(customers.former).padStart(14)}`,
    '',
    `Wallet pickers, dashboard cards: a page of ${PAGE} of the whole list of ${n(wallets.total)}, anywhere in it: p99 ms`,
    `${'handler'.padStart(9)}${'raw'.padStart(9)}${'former read'.padStart(14)}`,
    `${ms(wallets.handler)}${ms(wallets.raw)}${ms(wallets.former).padStart(14)}`,
    '',
  ];
  process.stdout.write(out.join('\n'));
  for (const f of filters) {
    emitRow({
      measure: `History page p99, ${n(ROWS)} rows, filtered by ${f.label}`,
      anchor: `${f.raw.toFixed(2)} ms`,
      ours: `${f.handler.toFixed(2)} ms (OFFSET+count ${f.offset.toFixed(1)} ms)`,
      ratio: f.handler / f.raw,
      target: '≤ raw + 1 ms',
      met: f.handler <= f.raw + 1,
      judged: f.handler - f.raw,
      higherIsBetter: false,
    });
  }
  for (const [list, read] of [
    ['Customers', customers],
    ['Wallets', wallets],
  ] as const) {
    emitRow({
      measure: `${list} page p99, whole list of ${n(read.total)}`,
      anchor: `${read.raw.toFixed(2)} ms`,
      ours: `${read.handler.toFixed(2)} ms (former read ${read.former.toFixed(1)} ms)`,
      ratio: read.handler / read.raw,
      target: '≤ raw + 1 ms',
      met: read.handler <= read.raw + 1,
      judged: read.handler - read.raw,
      higherIsBetter: false,
    });
  }
  emitRow({
    measure: `CSV export, ${n(ours.rows)} rows: core event-loop delay p99`,
    anchor: `${anchor.seconds.toFixed(2)} s blocked (one string)`,
    ours: `${ours.delayP99.toFixed(1)} ms; ${ours.seconds.toFixed(2)} s to file; ${n(ours.answered)} requests answered meanwhile`,
    ratio: null,
    target: '≤ 50 ms, requests answered',
    met: ours.delayP99 <= LOOP_DELAY_TARGET_MS && ours.answered > 0,
    judged: ours.delayP99,
    higherIsBetter: false,
  });
}

await main();

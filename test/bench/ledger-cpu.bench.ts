/**
 * `npm run bench:ledger-cpu`: where the CPU of a debit goes, PostgreSQL, 1,000 wallets — the one
 * ledger target still missed (issue 14: HTTP ≥ 0.8× one conditional UPDATE + INSERT statement).
 * On 2 cores the load generator, the API and PostgreSQL share the machine, so a debit's throughput
 * follows its total CPU. For the anchor and for the HTTP API in turns, this prints debits per second
 * and the CPU microseconds each debit cost in the load generator (this process), in the API (its
 * child process) and in every PostgreSQL process together (from /proc, so Linux only), plus, for
 * reference, what the API spends answering a request that does no work (a 404) and one refused after
 * authentication and validation (a 400). Nothing here is a target: it says which side to make cheaper.
 *
 * Knobs: BENCH_ROUNDS=2 (turns of each), BENCH_MEASURE_MS=4000 (per turn), BENCH_CONCURRENCY=32.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { freshDatabase } from '../support/databases.js';
import { PostgresAnchor } from './anchors.js';
import { debit, seed, startServer } from './harness.js';
import { Client, closedLoop, type Post } from './http-load.js';

const env = process.env;
const ROUNDS = Number(env.BENCH_ROUNDS ?? 2);
const MEASURE_MS = Number(env.BENCH_MEASURE_MS ?? 4000);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 32);
const WALLETS = 1000;
/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** CPU seconds every PostgreSQL process has used (its own and its reaped children's), from /proc. */
function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // It ended while being read.
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    if (!name.startsWith('postgres')) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime: fields 14 to 17 of the line, 12 to 15 after the name.
    for (const i of [11, 12, 13, 14]) ticks += Number(fields[i]);
  }
  return ticks / TICKS;
}

const db = await freshDatabase('postgres', {});
const server = await startServer(db);
const client = new Client(server.baseUrl, CONCURRENCY);
const anchor = new PostgresAnchor(db.url, db.schema!, CONCURRENCY);
try {
  process.stderr.write(`· seeding ${WALLETS} wallets through the API\n`);
  const seeded = await seed(client, {
    wallets: WALLETS,
    funds: 1_000_000_000,
    probeFunds: 1,
    concurrency: CONCURRENCY,
  });
  let n = 0;
  const nextWallet = () => seeded.walletIds[n++ % WALLETS]!;
  const window = { warmupMs: 300, measureMs: MEASURE_MS };
  const auth = { authorization: `Bearer ${seeded.admin}` };
  const answering = (post: () => Post, status: number) => () =>
    closedLoop(CONCURRENCY, window, async () => (await client.post(post())).status === status);
  const sides: Array<[string, () => Promise<{ counted: number }>]> = [
    [
      'anchor: one UPDATE+INSERT statement',
      () => closedLoop(CONCURRENCY, window, () => anchor.debit(nextWallet())),
    ],
    ['HTTP debit', answering(() => debit(seeded.admin, nextWallet()), 201)],
  ];
  const references: Array<[string, () => Promise<{ counted: number }>]> = [
    ['HTTP 404, no route (no work)', answering(() => ({ path: '/nowhere', headers: {}, body: '{}' }), 404)],
    [
      'HTTP 400 after auth and validation',
      answering(() => ({ path: `/v1/customers/cus_x/wallets`, headers: auth, body: '{"currency":1}' }), 400),
    ],
  ];
  const rows: string[][] = [];
  const measure = async (name: string, run: () => Promise<{ counted: number }>) => {
    const before = { self: process.cpuUsage(), api: await server.cpuSeconds(), pg: postgresCpuSeconds() };
    const started = performance.now();
    const { counted } = await run();
    const seconds = (performance.now() - started) / 1000;
    const self = process.cpuUsage(before.self);
    const perDebit = (cpuSeconds: number) => ((cpuSeconds / counted) * 1e6).toFixed(0);
    const load = perDebit((self.user + self.system) / 1e6);
    const api = perDebit((await server.cpuSeconds()) - before.api);
    const pg = perDebit(postgresCpuSeconds() - before.pg);
    const total = String(Number(load) + Number(api) + Number(pg));
    rows.push([name, (counted / seconds).toFixed(0), load, api, pg, total]);
  };
  for (let round = 0; round < ROUNDS; round++) for (const [name, run] of sides) await measure(name, run);
  for (const [name, run] of references) await measure(name, run);

  const head = ['', 'per second', 'load µs', 'API µs', 'PostgreSQL µs', 'total µs'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(
    `CPU per request, PostgreSQL, ${WALLETS} wallets, ${CONCURRENCY} in flight (${MEASURE_MS / 1000} s a turn)\n` +
      `${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}`,
  );
} finally {
  await anchor.close();
  client.close();
  await server.stop();
  await db.drop();
}

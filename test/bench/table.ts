/**
 * `npm run bench`: runs every benchmark script one after another (never side by side: they would
 * skew each other), the whole round three times, and prints one table of what they measured —
 * measure, anchor, ours, ratio, target, met — from the BENCH-ROW lines each prints (bench-rows.ts).
 * Each row is the run at the median of the figure its target judges (bench-median.ts), with the
 * spread of its ratio and how many runs met the target: this machine's figures move from one run
 * to the next, and one run's luck is not a result. `npm run bench:quick` (BENCH_QUICK=1) runs each
 * once, at a size CI can afford. A script that fails or reports nothing gets a row saying so. Each
 * run's report of each script is kept in its log file, named at the end.
 *
 * BENCH_ONLY=replay,ledger runs those scripts only; BENCH_RUNS=1 runs the round once.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { medianRows } from './bench-median.js';
import { quick, readRows, type BenchRow } from './bench-rows.js';

const SCRIPTS = ['ledger', 'sync', 'replay', 'live', 'search', 'reads', 'start', 'scroll'] as const;

/** The short form's sizes (each only where the caller has not chosen one). */
const QUICK_ENV: Record<string, string> = {
  BENCH_DIALECTS: 'sqlite',
  BENCH_WARMUP_MS: '500',
  BENCH_MEASURE_MS: '1000',
  BENCH_SYNC_ROWS: '100000',
  BENCH_SYNC_ROUNDS: '20',
  BENCH_SEARCH_ROWS: '100000',
  BENCH_SEARCH_PAYMENTS: '10000',
  BENCH_SEARCH_ROUNDS: '2',
  BENCH_READS_ROWS: '100000',
  BENCH_EXPORT_ROWS: '50000',
  BENCH_READS_ROUNDS: '10',
  BENCH_START_RUNS: '1',
  BENCH_SCROLL_ROWS: '100000',
  BENCH_SCROLL_ROUNDS: '1',
};

const only = process.env.BENCH_ONLY?.split(',');
const scripts = SCRIPTS.filter((s) => !only || only.includes(s));
const logs = mkdtempSync(join(tmpdir(), 'bench-'));
const env = { ...(quick ? QUICK_ENV : {}), ...process.env };
const RUNS = Number(env.BENCH_RUNS ?? (quick ? 1 : 3));

function run(script: string, round: number): Promise<{ code: number | null; stdout: string }> {
  const file = fileURLToPath(new URL(`./${script}.bench.ts`, import.meta.url));
  return new Promise((resolve) => {
    // The same loader (tsx) this process runs under.
    const child = spawn(process.execPath, [...process.execArgv, file], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      writeFileSync(
        join(logs, RUNS > 1 ? `${script}.${round}.log` : `${script}.log`),
        `${stdout}\n--- stderr ---\n${stderr}`,
      );
      resolve({ code, stdout });
    });
  });
}

const runs: BenchRow[][] = [];
for (let round = 1; round <= RUNS; round++) {
  const rows: BenchRow[] = [];
  for (const script of scripts) {
    process.stderr.write(`· run ${round} of ${RUNS}, bench:${script}…\n`);
    const started = performance.now();
    const { code, stdout } = await run(script, round);
    const found = readRows(stdout);
    rows.push(...found);
    if (code !== 0 && found.length === 0) {
      rows.push({
        measure: `bench:${script}`,
        anchor: '—',
        ours: `failed (exit ${code}), see its log`,
        ratio: null,
        target: '—',
        met: false,
        judged: 0,
        higherIsBetter: true,
      });
    }
    process.stderr.write(
      `  ${found.length} rows in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
    );
  }
  runs.push(rows);
}
const rows = medianRows(runs);

const times = (ratio: number) => `${ratio.toFixed(ratio < 0.1 ? 3 : 2)}×`;
const header = ['measure', 'anchor', 'ours', 'ratio', 'target', 'met', ...(RUNS > 1 ? ['runs met'] : [])];
const cells = rows.map((r) => [
  r.measure,
  r.anchor,
  r.ours,
  r.ratio === null
    ? '—'
    : r.ratioRange && r.runs > 1
      ? `${times(r.ratio)} (${times(r.ratioRange[0])}–${times(r.ratioRange[1])})`
      : times(r.ratio),
  r.target,
  r.met ? 'yes' : 'no',
  ...(RUNS > 1 ? [`${r.runsMet} of ${r.runs}`] : []),
]);
console.log(
  `\nBenchmarks${quick ? ' (quick)' : ''}: anchors measured in the same run on the same database; ` +
    (RUNS > 1
      ? `each row the run at the median of ${RUNS} (ratio: that run's, then the range over all); `
      : '') +
    `1-min load average ${loadavg()[0]!.toFixed(1)} at the end\n`,
);
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const line of cells) console.log(`| ${line.join(' | ')} |`);
console.log(`\n${rows.filter((r) => r.met).length} of ${rows.length} met; each script's report: ${logs}`);
if (rows.some((r) => r.ours.startsWith('failed'))) process.exitCode = 1;

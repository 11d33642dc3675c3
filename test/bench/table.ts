/**
 * `npm run bench`: runs every benchmark script one after another (never side by side: they would
 * skew each other) and prints one table of what they measured — measure, anchor, ours, ratio,
 * target, met — from the BENCH-ROW lines each prints (bench-rows.ts). `npm run bench:quick`
 * (BENCH_QUICK=1) runs each at a size CI can afford. A script that fails or reports nothing gets a
 * row saying so. Each script's own report is kept in its log file, named at the end.
 *
 * BENCH_ONLY=replay,ledger runs those scripts only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

function run(script: string): Promise<{ code: number | null; stdout: string }> {
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
      writeFileSync(join(logs, `${script}.log`), `${stdout}\n--- stderr ---\n${stderr}`);
      resolve({ code, stdout });
    });
  });
}

const rows: Array<BenchRow & { script: string }> = [];
for (const script of scripts) {
  process.stderr.write(`· bench:${script}…\n`);
  const started = performance.now();
  const { code, stdout } = await run(script);
  const found = readRows(stdout);
  for (const row of found) rows.push({ ...row, script });
  if (code !== 0 && found.length === 0) {
    rows.push({
      script,
      measure: `bench:${script}`,
      anchor: '—',
      ours: `failed (exit ${code}), see ${script}.log`,
      ratio: null,
      target: '—',
      met: false,
    });
  }
  process.stderr.write(`  ${found.length} rows in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

const header = ['measure', 'anchor', 'ours', 'ratio', 'target', 'met'];
const cells = rows.map((r) => [
  r.measure,
  r.anchor,
  r.ours,
  r.ratio === null ? '—' : `${r.ratio.toFixed(r.ratio < 0.1 ? 3 : 2)}×`,
  r.target,
  r.met ? 'yes' : 'no',
]);
console.log(
  `\nBenchmarks${quick ? ' (quick)' : ''}: anchors measured in the same run on the same database; ` +
    `1-min load average ${loadavg()[0]!.toFixed(1)} at the end\n`,
);
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const line of cells) console.log(`| ${line.join(' | ')} |`);
console.log(`\n${rows.filter((r) => r.met).length} of ${rows.length} met; each script's report: ${logs}`);
if (rows.some((r) => r.ours.startsWith('failed'))) process.exitCode = 1;

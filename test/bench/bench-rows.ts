/**
 * One line per measure, for `npm run bench` (test/bench/table.ts) to gather from every bench script:
 * `BENCH-ROW {"measure":…,"anchor":…,"ours":…,"ratio":…,"target":…,"met":…}` on stdout.
 */
export interface BenchRow {
  measure: string;
  /** The anchor's figure and ours, as printed (units included), and ours ÷ anchor when it means something. */
  anchor: string;
  ours: string;
  ratio: number | null;
  target: string;
  met: boolean;
  /**
   * The figure the target judges, in the target's terms (a ratio, or ms, or ms over the anchor):
   * `npm run bench` runs every script several times and shows, per measure, the run at the median
   * of this figure.
   */
  judged: number;
  /** Whether a larger `judged` is better (throughput, ratios) or worse (latencies, delays). */
  higherIsBetter: boolean;
}

export const ROW_PREFIX = 'BENCH-ROW ';

export function emitRow(row: BenchRow): void {
  process.stdout.write(`${ROW_PREFIX}${JSON.stringify(row)}\n`);
}

/** The rows a bench script printed, from its whole standard output. */
export function readRows(stdout: string): BenchRow[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(ROW_PREFIX))
    .map((line) => JSON.parse(line.slice(ROW_PREFIX.length)) as BenchRow);
}

export const quick = process.env.BENCH_QUICK === '1';

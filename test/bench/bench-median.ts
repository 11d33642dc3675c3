import type { BenchRow } from './bench-rows.js';

/** One measure over several runs: the run at the median of its judged figure, and how the runs went. */
export interface MedianRow extends BenchRow {
  runs: number;
  runsMet: number;
  /** The lowest and highest ratio over the runs (null when the measure has no ratio). */
  ratioRange: [number, number] | null;
}

/**
 * Per measure (in the order measures first appear), the run whose judged figure is the median of
 * all runs'. With an even number of runs the worse of the two middle ones is shown, so a table of
 * medians never flatters. A measure missing from some run (its script failed there) is judged on the
 * runs that have it.
 */
export function medianRows(runs: ReadonlyArray<readonly BenchRow[]>): MedianRow[] {
  const byMeasure = new Map<string, BenchRow[]>();
  for (const rows of runs) {
    for (const row of rows) {
      const seen = byMeasure.get(row.measure);
      if (seen) seen.push(row);
      else byMeasure.set(row.measure, [row]);
    }
  }
  return [...byMeasure.values()].map((rows) => {
    // Worst first: the lower middle of an even count is then the worse of the two.
    const sorted = [...rows].sort((a, b) => (a.higherIsBetter ? a.judged - b.judged : b.judged - a.judged));
    const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
    const ratios = rows.map((r) => r.ratio).filter((r): r is number => r !== null);
    return {
      ...median,
      runs: rows.length,
      runsMet: rows.filter((r) => r.met).length,
      ratioRange: ratios.length > 0 ? [Math.min(...ratios), Math.max(...ratios)] : null,
    };
  });
}

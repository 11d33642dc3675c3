import { describe, expect, it } from 'vitest';
import { medianRows } from './bench-median.js';
import type { BenchRow } from './bench-rows.js';

const throughput = (ratio: number, met = ratio >= 0.5): BenchRow => ({
  measure: 'Replay',
  anchor: '100 rows/s',
  ours: `${ratio}× of the anchor`,
  ratio,
  target: '≥ 0.5×',
  met,
  judged: ratio,
  higherIsBetter: true,
});
const latency = (ms: number): BenchRow => ({
  measure: 'Start-up',
  anchor: '50 ms',
  ours: `${ms} ms`,
  ratio: ms / 50,
  target: '≤ 1500 ms',
  met: ms <= 1500,
  judged: ms,
  higherIsBetter: false,
});

describe('the benchmark table over several runs', () => {
  it('shows each measure as its median run, with the ratio range and how many runs met', () => {
    const rows = medianRows([
      [throughput(0.62), latency(1700)],
      [throughput(0.41), latency(400)],
      [throughput(0.55), latency(900)],
    ]);
    expect(rows.map((r) => [r.measure, r.ours, r.met, r.runsMet, r.ratioRange])).toEqual([
      ['Replay', '0.55× of the anchor', true, 2, [0.41, 0.62]],
      ['Start-up', '900 ms', true, 2, [8, 34]],
    ]);
  });

  it('of an even number of runs shows the worse middle one, whichever way is better', () => {
    expect(medianRows([[throughput(0.6)], [throughput(0.4)]])[0]!.ratio).toBe(0.4);
    expect(medianRows([[latency(300)], [latency(700)]])[0]!.ours).toBe('700 ms');
  });

  it('judges a measure on the runs that have it, in the order measures first appear', () => {
    const rows = medianRows([[latency(500)], [throughput(0.7), latency(600)], [latency(550)]]);
    expect(rows.map((r) => [r.measure, r.runs, r.ours])).toEqual([
      ['Start-up', 3, '550 ms'],
      ['Replay', 1, '0.7× of the anchor'],
    ]);
  });
});

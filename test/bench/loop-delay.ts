import { monitorEventLoopDelay } from 'node:perf_hooks';
import { emitRow } from './bench-rows.js';

/** The core's event loop must stay responsive while it syncs, replays or exports (issue 14). */
export const LOOP_DELAY_TARGET_MS = 50;

/** How often the watch's timer asks to run. */
const RESOLUTION_MS = 10;

/**
 * Watches this process's event-loop delay (perf_hooks.monitorEventLoopDelay) from now until
 * `stop()`: how long a timer, an IPC message or a UI request waited for the thread. The histogram
 * records the time between two runs of its timer, which includes the timer's own period (an idle
 * loop records 10.1 ms at a 10 ms resolution; a 30 ms block, 40 ms): the delay is what exceeds it.
 */
export function watchEventLoop(): { stop(): { p99Ms: number; maxMs: number } } {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const delayMs = (recorded: number) => Math.max(0, recorded / 1e6 - RESOLUTION_MS);
  return {
    stop() {
      histogram.disable();
      return { p99Ms: delayMs(histogram.percentile(99)), maxMs: delayMs(histogram.max) };
    },
  };
}

/** One table row for a phase's event-loop delay. */
export function emitLoopDelayRow(phase: string, delay: { p99Ms: number; maxMs: number }): void {
  emitRow({
    measure: `Core event-loop delay p99 during ${phase}`,
    anchor: '—',
    ours: `${delay.p99Ms.toFixed(1)} ms (max ${delay.maxMs.toFixed(0)} ms)`,
    ratio: null,
    target: `≤ ${LOOP_DELAY_TARGET_MS} ms`,
    met: delay.p99Ms <= LOOP_DELAY_TARGET_MS,
    judged: delay.p99Ms,
    higherIsBetter: false,
  });
}

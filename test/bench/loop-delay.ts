import { monitorEventLoopDelay } from 'node:perf_hooks';
import { emitRow } from './bench-rows.js';

/** The core's event loop must stay responsive while it syncs, replays or exports (issue 14). */
export const LOOP_DELAY_TARGET_MS = 50;

/**
 * Watches this process's event-loop delay (perf_hooks.monitorEventLoopDelay, 10 ms resolution)
 * from now until `stop()`: how long a timer, an IPC message or a UI request waited for the thread.
 */
export function watchEventLoop(): { stop(): { p99Ms: number; maxMs: number } } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return {
    stop() {
      histogram.disable();
      return { p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6 };
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
  });
}

import type { Pruner } from '../services/retention/pruner.js';
import { JobScheduler } from './scheduler.js';

export const PRUNE_JOB = 'prune';
/** Hourly: each run deletes in small batches, so an hour's worth is quick. */
export const DEFAULT_PRUNE_INTERVAL_MS = 3_600_000;

/** The retention job: run in every API process; the pruner's lease lets one of them work at a time. */
export function pruneScheduler(
  pruner: Pruner,
  options: { everyMs?: number; onError?: (error: unknown, job: string) => void } = {},
): JobScheduler {
  return new JobScheduler(
    [{ name: PRUNE_JOB, everyMs: options.everyMs ?? DEFAULT_PRUNE_INTERVAL_MS, run: () => pruner.run() }],
    options.onError,
  );
}

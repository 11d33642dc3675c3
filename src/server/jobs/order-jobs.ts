import type { Store } from '../db/database.js';
import { failStuckOrders, type RefusedTimeout } from '../services/orders/settle.js';
import type { Renewals } from '../services/subscriptions/renewals.js';
import { JobScheduler } from './scheduler.js';

export const ORDER_JOBS = { timeouts: 'order-timeouts', renewals: 'subscription-renewals' } as const;
/** Each minute: a stuck order or a due renewal waits at most that long past its time. */
export const DEFAULT_ORDER_JOB_INTERVAL_MS = 60_000;

/**
 * The order jobs, run in every API process: orders stuck in provisioning past their timeout fail
 * and are refunded; subscriptions are renewed at their period end (see Renewals).
 */
export function orderScheduler(
  store: Store,
  clock: () => Date,
  renewals: Renewals,
  options: {
    everyMs?: number;
    onError?: (error: unknown, job: string) => void;
    onRun?: (job: string, report: unknown) => void;
    /** An order whose timeout refund its wallet refused: retried later with a backoff. */
    onRefused?: (refused: RefusedTimeout) => void;
  } = {},
): JobScheduler {
  const everyMs = options.everyMs ?? DEFAULT_ORDER_JOB_INTERVAL_MS;
  const report = (job: string) => (value: unknown) => options.onRun?.(job, value);
  return new JobScheduler(
    [
      {
        name: ORDER_JOBS.timeouts,
        everyMs,
        run: () =>
          failStuckOrders(store, clock().toISOString(), { onRefused: options.onRefused }).then(
            report(ORDER_JOBS.timeouts),
          ),
      },
      { name: ORDER_JOBS.renewals, everyMs, run: () => renewals.run().then(report(ORDER_JOBS.renewals)) },
    ],
    options.onError,
  );
}

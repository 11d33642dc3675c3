/**
 * The order a batch's operations run in. Operations on the same record (the first id in the path —
 * a wallet, a customer, an order — or the collection for a creation) and operations sharing an
 * Idempotency-Key run one after another, in the order sent, exactly as the single requests would;
 * operations on different records run side by side, so that their commits share one group commit
 * (SQLite) or several connections (PostgreSQL) instead of queueing one commit each.
 */

/** Operations in flight at once: enough for commits to group, few enough to keep the pool free. */
export const LANES_IN_FLIGHT = 16;

/** `/v1/wallets/wal_1/credits` → `wallets/wal_1`; `/v1/customers` → `customers`. */
export function laneOf(path: string): string {
  const [, , collection = '', id] = path.split('/');
  return id === undefined ? collection : `${collection}/${id}`;
}

/**
 * Runs `run(i)` for every operation: in order within a lane, lanes concurrently, at most
 * `LANES_IN_FLIGHT` at a time. Resolves when all have run; `run` must not throw.
 */
export async function runInLanes(
  ops: ReadonlyArray<{ path: string; idempotencyKey?: string | undefined }>,
  run: (i: number) => Promise<void>,
): Promise<void> {
  const laneOfKey = new Map<string, string>();
  const lanes = new Map<string, number[]>();
  ops.forEach((op, i) => {
    const key = op.idempotencyKey;
    const lane = (key === undefined ? undefined : laneOfKey.get(key)) ?? laneOf(op.path);
    if (key !== undefined) laneOfKey.set(key, lane);
    const queue = lanes.get(lane);
    if (queue) queue.push(i);
    else lanes.set(lane, [i]);
  });
  const waiting = [...lanes.values()];
  const worker = async () => {
    for (let lane = waiting.shift(); lane; lane = waiting.shift()) {
      for (const i of lane) await run(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LANES_IN_FLIGHT, waiting.length) }, worker));
}

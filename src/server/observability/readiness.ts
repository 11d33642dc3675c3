import { sql } from 'kysely';
import type { Store } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';

/** How long one readiness check may take before it counts as failed, ms. */
export const CHECK_TIMEOUT_MS = 2_000;

export type CheckName = 'database' | 'migrations' | 'jobs';

export type CheckResult =
  | { ok: true; detail?: Record<string, unknown> }
  | { ok: false; reason: string; detail?: Record<string, unknown> };

export interface Readiness {
  ready: boolean;
  /** The checks that failed, by name (empty when ready); not those skipped because the database failed. */
  failing: CheckName[];
  /** Each check run (jobs only in a process that runs them); those after a failed database, skipped. */
  checks: Partial<Record<CheckName, CheckResult>>;
}

export interface ReadinessOptions {
  store: Store;
  /** Whether this process runs background jobs (their leases are then checked). */
  runsJobs: boolean;
  clock: () => Date;
  timeoutMs?: number;
  /** Told the real error of a failed check (the answer only names it: no driver text, no secret). */
  onFailure?: (check: CheckName, error: unknown) => void;
}

/**
 * Whether this API process should receive traffic: the database answers, its schema has every
 * migration this release knows, and — when the process runs jobs — the lease table can be written
 * (a lease is then held by someone live, or free to take). Each check is bounded in time.
 */
export async function checkReadiness(options: ReadinessOptions): Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? CHECK_TIMEOUT_MS;
  const run = async (name: CheckName, check: () => Promise<CheckResult>): Promise<CheckResult> => {
    try {
      return await withTimeout(check(), timeoutMs);
    } catch (error) {
      options.onFailure?.(name, error);
      return { ok: false, reason: error instanceof CheckTimeout ? 'timed out' : 'failed' };
    }
  };
  const checks: Readiness['checks'] = {};
  checks.database = await run('database', async () => {
    await sql`select 1`.execute(options.store.db);
    return { ok: true };
  });
  const skipped: CheckResult = { ok: false, reason: 'skipped: database unreachable' };
  if (!checks.database.ok) {
    checks.migrations = skipped;
    if (options.runsJobs) checks.jobs = skipped;
  } else {
    checks.migrations = await run('migrations', async () => {
      const pending = await pendingMigrations(options.store);
      return pending.length === 0 ? { ok: true } : { ok: false, reason: 'pending', detail: { pending } };
    });
    if (options.runsJobs) checks.jobs = await run('jobs', () => leaseCheck(options.store, options.clock()));
  }
  const failing = (Object.entries(checks) as Array<[CheckName, CheckResult]>)
    .filter(([, result]) => !result.ok && result !== skipped)
    .map(([name]) => name);
  return { ready: failing.length === 0, failing, checks };
}

/**
 * The job leases: each is free, run out (obtainable) or held until a time. A write that changes
 * nothing proves this process could take or renew one (a read-only or failed-over database could not).
 */
async function leaseCheck(store: Store, now: Date): Promise<CheckResult> {
  await store.write((trx) =>
    trx
      .updateTable('job_leases')
      .set({ holder: sql`holder` })
      .where('name', '=', '(readiness probe)')
      .execute(),
  );
  const rows = await store.db.selectFrom('job_leases').select(['name', 'holder', 'lease_until']).execute();
  const iso = now.toISOString();
  const leases = Object.fromEntries(
    rows.map((r) => [
      r.name,
      r.holder === null || r.lease_until === null || r.lease_until < iso ? 'obtainable' : 'held',
    ]),
  );
  return { ok: true, detail: { leases } };
}

class CheckTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

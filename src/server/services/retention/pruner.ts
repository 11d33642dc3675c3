import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from '../../db/database.js';
import { compactionHorizon, foldFeedBatch } from './compact-feed.js';
import { releaseLease, renewLease, takeLease } from './job-lease.js';
import { cutoffs, DEFAULT_RETENTION, type RetentionPolicy } from './policy.js';
import { pruneGatewayEvents, pruneIdempotencyKeys } from './prune-records.js';

export const PRUNE_LEASE = 'prune';
/** A pruner that stops renewing (its process died) is taken over after this long. */
const LEASE_MS = 5 * 60_000;
/** Rows per delete: each batch is a short write transaction, so money movements never wait long. */
const BATCH = 1000;

/** What one run deleted; null when another process held the lease and this run did nothing. */
export interface PruneReport {
  idempotencyKeys: number;
  gatewayEvents: number;
  feedEntries: number;
  /** The feed position entries at or below which were folded (0: none yet old enough). */
  feedHorizon: number;
}

/**
 * Deletes what the retention policy no longer keeps: old idempotency answers, processed gateway
 * events past their retention, and superseded feed entries past the compaction age. One pruner at a
 * time across every API process (a lease row, renewed between batches); the clock is injected.
 */
export class Pruner {
  private readonly holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly policy: RetentionPolicy;

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
    policy: Partial<RetentionPolicy> = {},
    private readonly batch = BATCH,
  ) {
    this.policy = { ...DEFAULT_RETENTION, ...policy };
  }

  async run(): Promise<PruneReport | null> {
    const lease = { name: PRUNE_LEASE, holder: this.holder, ms: LEASE_MS };
    if (!(await takeLease(this.store, { ...lease, now: this.clock() }))) return null;
    try {
      const now = this.clock();
      const before = cutoffs(this.policy, now);
      /** Between batches: still ours? (A run longer than the lease lost it to another process.) */
      const stillOurs = () => renewLease(this.store, { ...lease, now: this.clock() });
      const report: PruneReport = { idempotencyKeys: 0, gatewayEvents: 0, feedEntries: 0, feedHorizon: 0 };

      for (let n = this.batch; n === this.batch && (await stillOurs());) {
        n = await pruneIdempotencyKeys(this.store, before.idempotency, this.batch);
        report.idempotencyKeys += n;
      }
      for (let n = this.batch; n === this.batch && (await stillOurs());) {
        n = await pruneGatewayEvents(this.store, before.gatewayEvents, this.batch);
        report.gatewayEvents += n;
      }
      report.feedHorizon = await compactionHorizon(this.store.db, before.feed);
      let after: number | null = 0;
      while (after !== null && report.feedHorizon > 0 && (await stillOurs())) {
        const folded = await foldFeedBatch(
          this.store,
          { after, horizon: report.feedHorizon, now: now.toISOString() },
          this.batch,
        );
        report.feedEntries += folded.deleted;
        after = folded.next;
      }
      return report;
    } finally {
      await releaseLease(this.store, lease);
    }
  }
}

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Store } from '../../db/database.js';
import { compactionRange, foldFeedBatch } from './compact-feed.js';
import { releaseLease, renewLease, takeLease } from './job-lease.js';
import { cutoffs, DEFAULT_RETENTION, type RetentionPolicy } from './policy.js';
import { pruneDeliveredWebhooks, pruneSentEmails, pruneSettledWebhookEvents } from './prune-outbox.js';
import { pruneGatewayEvents, pruneIdempotencyKeys } from './prune-records.js';

export const PRUNE_LEASE = 'prune';
/** A pruner that stops renewing (its process died) is taken over after this long. */
const LEASE_MS = 5 * 60_000;
/**
 * Rows per delete (feed: positions per window): each batch is a short write transaction, so money
 * movements never wait long behind it.
 */
const BATCH = 1000;

/** What one run deleted; null when another process held the lease and this run did nothing. */
export interface PruneReport {
  idempotencyKeys: number;
  gatewayEvents: number;
  /** Delivered webhook deliveries (with their attempts), the events no delivery names any more, sent emails. */
  webhookDeliveries: number;
  webhookEvents: number;
  emails: number;
  feedEntries: number;
  /** The feed position entries at or below which were folded (0: none yet old enough). */
  feedHorizon: number;
}

/**
 * Deletes what the retention policy no longer keeps: old idempotency answers, processed gateway
 * events past their retention, delivered webhooks and sent emails past theirs, and superseded feed
 * entries past the compaction age. One pruner at a
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
      // Between batches: still ours? Renewed once a minute, well inside the lease, rather than
      // after every batch (each renewal is a write of its own). A run that outlived its lease lost
      // it to another process and stops.
      let renewedAt = this.clock().getTime();
      const stillOurs = async () => {
        if (this.clock().getTime() - renewedAt < LEASE_MS / 5) return true;
        renewedAt = this.clock().getTime();
        return renewLease(this.store, { ...lease, now: this.clock() });
      };
      const report: PruneReport = {
        idempotencyKeys: 0,
        gatewayEvents: 0,
        webhookDeliveries: 0,
        webhookEvents: 0,
        emails: 0,
        feedEntries: 0,
        feedHorizon: 0,
      };

      for (let n = this.batch; n === this.batch && (await stillOurs());) {
        n = await pruneIdempotencyKeys(this.store, before.idempotency, this.batch);
        report.idempotencyKeys += n;
      }
      for (let n = this.batch; n === this.batch && (await stillOurs());) {
        n = await pruneGatewayEvents(this.store, before.gatewayEvents, this.batch);
        report.gatewayEvents += n;
      }
      for (let n = this.batch; n === this.batch && (await stillOurs());) {
        n = await pruneDeliveredWebhooks(this.store, before.webhookDeliveries, this.batch);
        report.webhookDeliveries += n;
      }
      for (let n = this.batch; n === this.batch && (await stillOurs());) {
        n = await pruneSettledWebhookEvents(this.store, before.webhookDeliveries, this.batch);
        report.webhookEvents += n;
      }
      for (let n = this.batch; n === this.batch && (await stillOurs());) {
        n = await pruneSentEmails(this.store, before.emails, this.batch);
        report.emails += n;
      }
      const feed = await compactionRange(this.store.db, before.feed);
      report.feedHorizon = feed.horizon;
      for (let after = feed.oldest - 1; after < feed.horizon && (await stillOurs()); after += this.batch) {
        const through = Math.min(after + this.batch, report.feedHorizon);
        report.feedEntries += await foldFeedBatch(this.store, { after, through, now: now.toISOString() });
      }
      return report;
    } finally {
      await releaseLease(this.store, lease);
    }
  }
}

/** How long what the API keeps for a while is kept (operator settings, see config.ts and the README). */
export interface RetentionPolicy {
  /**
   * An Idempotency-Key's stored answer replays for at least this long, hours. A client retrying a
   * money movement later than this moves the money again, so it is never below 72 (a long weekend
   * of a desktop's outbox waiting offline).
   */
  idempotencyHours: number;
  /** A processed gateway event is kept this long after it was processed, days; an unprocessed one for ever. */
  gatewayEventDays: number;
  /** Feed entries older than this are folded to each entity's newest, days. */
  feedCompactAfterDays: number;
  /** A delivered webhook delivery (and its attempts) is kept this long after delivery, days; an undelivered one for ever. */
  webhookDeliveryDays: number;
  /** A sent email is kept this long after sending, days; a queued or failed one for ever. */
  emailDays: number;
}

export const MIN_IDEMPOTENCY_HOURS = 72;

export const DEFAULT_RETENTION: RetentionPolicy = {
  idempotencyHours: 72,
  gatewayEventDays: 30,
  feedCompactAfterDays: 30,
  webhookDeliveryDays: 30,
  emailDays: 30,
};

const HOUR_MS = 3_600_000;

/** The instants before which each kind of record may go, for a pruning run at `now`. */
export function cutoffs(policy: RetentionPolicy, now: Date) {
  const before = (ms: number) => new Date(now.getTime() - ms).toISOString();
  return {
    idempotency: before(Math.max(policy.idempotencyHours, MIN_IDEMPOTENCY_HOURS) * HOUR_MS),
    gatewayEvents: before(policy.gatewayEventDays * 24 * HOUR_MS),
    feed: before(policy.feedCompactAfterDays * 24 * HOUR_MS),
    webhookDeliveries: before(policy.webhookDeliveryDays * 24 * HOUR_MS),
    emails: before(policy.emailDays * 24 * HOUR_MS),
  };
}

import type { FastifyRequest } from 'fastify';

/**
 * How a gateway webhook delivery ended, noted by the webhook route and counted by the metrics hook
 * when the answer goes out: `accepted` (new events stored), `duplicate` (every event already stored),
 * `ignored` (none of ours), `unknown_endpoint`, or the refusal's reason (`bad_signature`, `stale`, …).
 */
export interface WebhookOutcome {
  provider: string;
  outcome: string;
  /** A refusal (the delivery failed authentication or could not be read, or named no endpoint). */
  failed: boolean;
}

const outcomes = new WeakMap<FastifyRequest, WebhookOutcome>();

export function noteWebhookOutcome(request: FastifyRequest, outcome: WebhookOutcome): void {
  outcomes.set(request, outcome);
}

export function webhookOutcomeOf(request: FastifyRequest): WebhookOutcome | undefined {
  return outcomes.get(request);
}

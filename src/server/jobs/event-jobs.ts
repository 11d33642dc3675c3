import type { EmailSender } from '../email/sender.js';
import type { WebhookDeliverer } from '../events/delivery.js';
import { JobScheduler } from './scheduler.js';

export const EVENT_JOBS = { webhooks: 'webhook-deliveries', emails: 'emails' } as const;

/**
 * Intervals, ms: webhooks every 2 s (a new event also kicks the job after its commit), emails
 * every 10 s. Each run sends everything due, so an interval bounds the wait, not the rate.
 */
export const DEFAULT_EVENT_JOB_INTERVALS = { webhooks: 2_000, emails: 10_000 };

export function eventScheduler(
  deliverer: WebhookDeliverer,
  emails: EmailSender,
  options: {
    everyMs?: Partial<typeof DEFAULT_EVENT_JOB_INTERVALS>;
    onError?: (error: unknown, job: string) => void;
  } = {},
): JobScheduler {
  const every = { ...DEFAULT_EVENT_JOB_INTERVALS, ...options.everyMs };
  return new JobScheduler(
    [
      { name: EVENT_JOBS.webhooks, everyMs: every.webhooks, run: () => deliverer.run() },
      { name: EVENT_JOBS.emails, everyMs: every.emails, run: () => emails.run() },
    ],
    options.onError,
  );
}

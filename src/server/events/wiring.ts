import { randomBytes } from 'node:crypto';
import type { AppContext, Api } from '../context.js';
import { EmailSender } from '../email/sender.js';
import type { DEFAULT_EVENT_JOB_INTERVALS } from '../jobs/event-jobs.js';
import { EVENT_JOBS, eventScheduler } from '../jobs/event-jobs.js';
import type { JobScheduler } from '../jobs/scheduler.js';
import { OutboundGuard, type OutboundGuardOptions } from '../outbound/guarded-fetch.js';
import { registerWebhookEndpointRoutes } from '../routes/webhook-endpoints.js';
import { WebhookDeliverer } from './delivery.js';
import { deliveriesQueued } from './emit.js';

export interface WebhookOptions {
  /** Run the delivery and email jobs on their intervals (default true); tests run them by hand. */
  jobs?: boolean;
  everyMs?: Partial<typeof DEFAULT_EVENT_JOB_INTERVALS>;
  /**
   * The key endpoint secrets are sealed with. Default: the gateway credentials key
   * (payments.credentialsKey, CREDENTIALS_KEY); a random per-process one on SQLite without it.
   */
  secretsKey?: Buffer | null;
  /** Lease length of a delivery, ms (default 60 s): a crashed process's delivery waits this long. */
  leaseMs?: number;
  /** Whole request to a receiver, ms (default 10 s). */
  timeoutMs?: number;
}

export interface EmailOptions {
  /** SMTP_URL; unset: emails stay queued, with one log line saying so. */
  smtpUrl?: string | undefined;
  /** EMAIL_FROM. */
  from?: string | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Outgoing webhooks and email: the senders and their jobs (tests run them by hand). */
    webhookDeliverer: WebhookDeliverer;
    emailSender: EmailSender;
    eventJobs: JobScheduler;
  }
}

/** Answers from receivers are read to log an excerpt; nothing larger is read. */
const MAX_RECEIVER_ANSWER = 256 * 1024;

/**
 * Outgoing webhooks and email on the app: the endpoint routes, the delivery and email jobs (leased,
 * so every API process may run them), and a wake-up of the delivery job after a commit that queued
 * deliveries.
 */
export async function attachEvents(
  app: Api,
  ctx: AppContext,
  options: {
    clock: () => Date;
    outbound: OutboundGuardOptions;
    credentialsKey: Buffer | null | undefined;
    webhooks?: WebhookOptions | undefined;
    email?: EmailOptions | undefined;
  },
): Promise<void> {
  const webhooks = options.webhooks ?? {};
  const secretsKey =
    webhooks.secretsKey !== undefined
      ? webhooks.secretsKey
      : options.credentialsKey !== undefined
        ? options.credentialsKey
        : ctx.store.dialect === 'sqlite'
          ? randomBytes(32)
          : null;
  const guard = new OutboundGuard({
    ...options.outbound,
    timeoutMs: webhooks.timeoutMs ?? 10_000,
    maxResponseBytes: MAX_RECEIVER_ANSWER,
  });
  const deliverer = new WebhookDeliverer({
    store: ctx.store,
    clock: options.clock,
    fetch: guard.fetch,
    secretsKey,
    log: app.log,
    ...(webhooks.leaseMs ? { leaseMs: webhooks.leaseMs } : {}),
  });
  const email = options.email ?? {};
  const emailSender = new EmailSender({
    store: ctx.store,
    clock: options.clock,
    smtpUrl: email.smtpUrl,
    from: email.from,
    log: app.log,
  });
  const jobs = eventScheduler(deliverer, emailSender, {
    ...(webhooks.everyMs ? { everyMs: webhooks.everyMs } : {}),
    onError: (error, job) => app.log.error({ err: error }, `job ${job} failed`),
  });
  app.decorate('webhookDeliverer', deliverer);
  app.decorate('emailSender', emailSender);
  app.decorate('eventJobs', jobs);

  const runsJobs = webhooks.jobs ?? true;
  const wake = () => {
    if (runsJobs) jobs.kick(EVENT_JOBS.webhooks);
  };
  await app.register(async (scope) => {
    registerWebhookEndpointRoutes(scope.withTypeProvider(), ctx, {
      secretsKey,
      outbound: { allowPrivateNetworks: options.outbound.allowPrivateNetworks },
      delivered: wake,
    });
  });

  let seen = deliveriesQueued();
  const onCommit = () => {
    const now = deliveriesQueued();
    if (now === seen) return;
    seen = now;
    wake();
  };
  app.addHook('onReady', async () => {
    if (!runsJobs) return;
    ctx.store.events.on('committed', onCommit);
    jobs.start();
  });
  app.addHook('onClose', async () => {
    ctx.store.events.off('committed', onCommit);
    await jobs.stop();
    emailSender.close();
  });
}

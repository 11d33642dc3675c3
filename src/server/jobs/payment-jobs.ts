import type { PaymentService } from '../payments/service.js';
import { JobScheduler, type Job } from './scheduler.js';

export const PAYMENT_JOBS = {
  savedMethods: 'saved-methods',
  expiry: 'payment-expiry',
  events: 'gateway-events',
} as const;

/**
 * The payment jobs: pending saved methods checked every minute, expired payments closed (after one
 * last status query), stored events processed and provider feeds polled.
 */
export function paymentJobs(payments: PaymentService, options: { eventsEveryMs?: number } = {}): Job[] {
  return [
    { name: PAYMENT_JOBS.savedMethods, everyMs: 60_000, run: () => payments.checkSavedMethods() },
    { name: PAYMENT_JOBS.expiry, everyMs: 30_000, run: () => payments.expirePayments() },
    {
      name: PAYMENT_JOBS.events,
      everyMs: options.eventsEveryMs ?? 10_000,
      run: () => payments.runEventsTick(),
    },
  ];
}

export function paymentScheduler(
  payments: PaymentService,
  options: { eventsEveryMs?: number; onError?: (error: unknown, job: string) => void } = {},
): JobScheduler {
  return new JobScheduler(paymentJobs(payments, options), options.onError);
}

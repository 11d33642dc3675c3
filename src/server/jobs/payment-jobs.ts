import { resumeUnansweredCharges } from '../payments/checkout.js';
import { LATE_WATCH_EVERY_MS, watchLatePayments } from '../payments/late-watch.js';
import type { PaymentService } from '../payments/service.js';
import { JobScheduler, type Job } from './scheduler.js';

export const PAYMENT_JOBS = {
  savedMethods: 'saved-methods',
  expiry: 'payment-expiry',
  events: 'gateway-events',
  lateCrypto: 'crypto-late-payments',
  unansweredCharges: 'unanswered-charges',
} as const;

export type PaymentJobIntervals = Record<keyof typeof PAYMENT_JOBS, number>;

/**
 * How often each job runs, ms. The saved-method check runs each minute as the gateways' own "is it
 * confirmed yet" checks do; events every 10 s is the fallback for rails that push nothing (a chain
 * that can tell wakes it sooner, see chain-activity-watch.ts).
 */
export const DEFAULT_PAYMENT_JOB_INTERVALS: PaymentJobIntervals = {
  savedMethods: 60_000,
  expiry: 30_000,
  events: 10_000,
  lateCrypto: LATE_WATCH_EVERY_MS,
  unansweredCharges: 30_000,
};

/**
 * The payment jobs: pending saved methods checked every minute, expired payments closed (after one
 * last status query), stored events processed and provider feeds polled, and saved-method charges
 * (invoices', top-ups', renewals') whose process stopped before their answer taken up again.
 */
export function paymentJobs(payments: PaymentService, everyMs: Partial<PaymentJobIntervals> = {}): Job[] {
  const intervals = { ...DEFAULT_PAYMENT_JOB_INTERVALS, ...everyMs };
  return [
    {
      name: PAYMENT_JOBS.savedMethods,
      everyMs: intervals.savedMethods,
      run: () => payments.checkSavedMethods(),
    },
    { name: PAYMENT_JOBS.expiry, everyMs: intervals.expiry, run: () => payments.expirePayments() },
    { name: PAYMENT_JOBS.events, everyMs: intervals.events, run: () => payments.runEventsTick() },
    {
      name: PAYMENT_JOBS.lateCrypto,
      everyMs: intervals.lateCrypto,
      run: async () => void (await watchLatePayments(payments)),
    },
    {
      name: PAYMENT_JOBS.unansweredCharges,
      everyMs: intervals.unansweredCharges,
      run: async () => void (await resumeUnansweredCharges(payments)),
    },
  ];
}

export function paymentScheduler(
  payments: PaymentService,
  options: { everyMs?: Partial<PaymentJobIntervals>; onError?: (error: unknown, job: string) => void } = {},
): JobScheduler {
  return new JobScheduler(paymentJobs(payments, options.everyMs), options.onError);
}

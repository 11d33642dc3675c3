import type { AutoTopUp } from '../../shared/api/alerts';

/** Tests' auto top-up settings: switched on, idle, nothing tried yet; `over` changes what a test is about. */
export const autoTopUpSetting = (over: Partial<AutoTopUp> = {}): AutoTopUp => ({
  walletId: 'wal_1',
  customerId: 'cus_1',
  enabled: true,
  threshold: 1_000,
  amount: 5_000,
  targetBalance: null,
  paymentMethodId: 'pmt_1',
  state: 'idle',
  paymentId: null,
  consecutiveFailures: 0,
  attemptsToday: 0,
  nextAttemptAt: null,
  lastError: null,
  disabledReason: null,
  disabledWhy: null,
  updatedAt: '2026-12-06T00:39:00.000Z',
  ...over,
});

/**
 * Records as the billing API sends them, for tests on every side (main, renderer): one customer,
 * its USD wallet, a ledger row of it and a sandbox top-up of it, each with the fields a test changes given as a patch.
 */
import type { Customer } from '../api/customers.js';
import type { Payment } from '../api/payments.js';
import type { Wallet, WalletTransaction } from '../api/wallets.js';

export const TEST_NOW = '2030-01-01T00:00:00.000Z';

export const testCustomer = (patch: Partial<Customer> = {}): Customer => ({
  id: 'cus_1',
  name: 'Acme',
  email: 'a@example.com',
  externalRef: null,
  createdAt: TEST_NOW,
  updatedAt: TEST_NOW,
  ...patch,
});

export const testWallet = (patch: Partial<Wallet> = {}): Wallet => ({
  id: 'wal_1',
  customerId: 'cus_1',
  currency: 'USD',
  status: 'active',
  balance: 1_000,
  pendingCharges: 0,
  availableBalance: 1_000,
  createdAt: TEST_NOW,
  updatedAt: TEST_NOW,
  ...patch,
});

/** A completed top-up of 5.00 USD on wallet `wal_1`. */
export const testTransaction = (patch: Partial<WalletTransaction> = {}): WalletTransaction => ({
  id: 'txn_1',
  walletId: 'wal_1',
  customerId: 'cus_1',
  type: 'top_up',
  amount: 500,
  balanceAfter: 1_500,
  currency: 'USD',
  status: 'completed',
  description: 'movement 1',
  reference: null,
  relatedId: null,
  test: false,
  createdAt: TEST_NOW,
  ...patch,
});

/** A sandbox top-up of 25.00 USD of wallet `wal_1`, new, with a hosted checkout page. */
export const testPayment = (patch: Partial<Payment> = {}): Payment => ({
  id: 'pay_1',
  walletId: 'wal_1',
  customerId: 'cus_1',
  payerId: null,
  provider: 'sandbox',
  amount: 2_500,
  currency: 'USD',
  status: 'new',
  underpaid: false,
  overpaid: false,
  fee: 0,
  totalAmount: 2_500,
  checkout: { kind: 'redirect', url: 'http://127.0.0.1:4000/sandbox/checkout/pay_1', expiresAt: TEST_NOW },
  savedMethodId: null,
  savesMethodId: null,
  providerReference: null,
  transactionId: null,
  topUpLinkId: null,
  failureReason: null,
  test: true,
  expiresAt: TEST_NOW,
  paidAt: null,
  createdAt: TEST_NOW,
  updatedAt: TEST_NOW,
  ...patch,
});

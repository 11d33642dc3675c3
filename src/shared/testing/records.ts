/**
 * Records as the billing API sends them, for tests on every side (main, renderer): one customer,
 * its USD wallet, a ledger row of it, a sandbox top-up of it, an invoice, an order, the monthly
 * subscription it started and a support ticket,
 * each with the fields a test changes given as a patch.
 */
import type { Customer } from '../api/customers.js';
import type { Invoice } from '../api/invoices.js';
import type { Order, Subscription } from '../api/orders.js';
import type { Ticket } from '../api/tickets.js';
import type { Payment } from '../api/payments.js';
import type { Wallet, WalletTransaction } from '../api/wallets.js';

export const TEST_NOW = '2030-01-01T00:00:00.000Z';

export const testCustomer = (patch: Partial<Customer> = {}): Customer => ({
  id: 'cus_1',
  name: 'Acme',
  email: 'a@example.com',
  externalRef: null,
  language: null,
  languageSetBy: null,
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
  invoiceId: null,
  failureReason: null,
  failureCode: null,
  heldForReview: false,
  test: true,
  expiresAt: TEST_NOW,
  paidAt: null,
  createdAt: TEST_NOW,
  updatedAt: TEST_NOW,
  ...patch,
});

export function testInvoice(patch: Partial<Invoice> = {}): Invoice {
  return {
    id: 'inv_1',
    customerId: 'cus_1',
    number: 'INV-2026-000042',
    status: 'open',
    currency: 'VND',
    lines: [
      {
        description: 'Máy chủ riêng, tháng 11',
        quantity: 1,
        unitAmount: 120_000,
        taxRateBps: null,
        amount: 120_000,
      },
    ],
    subtotal: 120_000,
    tax: 0,
    total: 120_000,
    amountPaid: 0,
    amountRefunded: 0,
    amountDue: 120_000,
    memo: null,
    dueDate: null,
    autoPay: null,
    methodLastUsed: null,
    payments: [],
    pendingPaymentId: null,
    topUpWalletId: null,
    test: false,
    issuedAt: TEST_NOW,
    paidAt: null,
    voidedAt: null,
    createdAt: TEST_NOW,
    updatedAt: TEST_NOW,
    ...patch,
  };
}

export function testOrder(patch: Partial<Order> = {}): Order {
  return {
    id: 'ord_1',
    number: 'ORD-77001',
    customerId: 'cus_1',
    walletId: 'wal_1',
    productId: 'prd_1',
    productName: 'Residential proxies',
    quantity: 10,
    unitPrice: 150,
    total: 1_500,
    refunded: 0,
    currency: 'USD',
    status: 'provisioning',
    provisioned: null,
    failureReason: null,
    paymentTransactionId: 'txn_1',
    refundTransactionId: null,
    subscriptionId: null,
    provisionBy: TEST_NOW,
    refundStuck: null,
    createdAt: TEST_NOW,
    updatedAt: TEST_NOW,
    ...patch,
  };
}

export function testSubscription(patch: Partial<Subscription> = {}): Subscription {
  return {
    id: 'sub_1',
    customerId: 'cus_1',
    walletId: 'wal_1',
    productId: 'prd_1',
    orderId: 'ord_1',
    productName: 'Residential proxies',
    quantity: 10,
    amount: 1_500,
    currency: 'USD',
    period: 'month',
    status: 'active',
    autoRenew: true,
    currentPeriodStart: TEST_NOW,
    currentPeriodEnd: '2030-01-31T00:00:00.000Z',
    nextAttemptAt: '2030-01-31T00:00:00.000Z',
    pastDueSince: null,
    pendingPaymentId: null,
    createdAt: TEST_NOW,
    updatedAt: TEST_NOW,
    ...patch,
  };
}

export function testTicket(patch: Partial<Ticket> = {}): Ticket {
  return {
    id: 'tkt_1',
    customerId: 'cus_1',
    subject: 'My top-up has not arrived',
    status: 'open',
    about: { kind: 'payment', id: 'pay_1' },
    assigneeUserId: null,
    openedBy: 'Acme',
    messages: [
      {
        id: 'msg_1',
        authorSide: 'customer',
        authorName: 'Acme',
        body: 'I paid an hour ago.',
        createdAt: TEST_NOW,
      },
    ],
    createdAt: TEST_NOW,
    updatedAt: TEST_NOW,
    ...patch,
  };
}

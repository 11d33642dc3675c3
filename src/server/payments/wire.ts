import type {
  Checkout,
  Payer,
  Payment,
  PaymentProviderId,
  PaymentReview,
  SavedMethod,
  TopUpLink,
} from '../../shared/api/payments.js';
import type { Currency } from '../../shared/money.js';
import type {
  PayerTable,
  PaymentReviewTable,
  PaymentTable,
  SavedMethodTable,
  TopUpLinkTable,
} from '../db/schema.js';
import type { CheckoutPresentation } from '../gateways/provider.js';
import type { ChangeInput } from '../sync/record.js';

/** Payment rows to the wire shapes the routes answer and the change feed carries. */

export function toPayment(row: PaymentTable): Payment {
  return {
    id: row.id,
    walletId: row.wallet_id,
    customerId: row.customer_id,
    payerId: row.payer_id,
    provider: row.provider as PaymentProviderId,
    amount: row.amount,
    currency: row.currency as Currency,
    status: row.status,
    underpaid: row.underpaid === 1,
    overpaid: row.overpaid === 1,
    fee: row.fee,
    totalAmount: row.amount + row.fee,
    checkout: row.checkout === null ? null : (JSON.parse(row.checkout) as Checkout),
    savedMethodId: row.saved_method_id,
    savesMethodId: row.saves_method_id,
    transactionId: row.transaction_id,
    providerReference: row.provider_payment_id,
    topUpLinkId: row.top_up_link_id,
    failureReason: row.failure_reason,
    // The sandbox is a test gateway: everything paid through it is a test.
    test: row.provider === 'sandbox',
    expiresAt: row.expires_at,
    paidAt: row.paid_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What the payer is shown: the provider's presentation without the provider's own ids. */
export function toCheckout(presentation: CheckoutPresentation): Checkout {
  switch (presentation.kind) {
    case 'redirect':
      return { kind: 'redirect', url: presentation.url, expiresAt: presentation.expiresAt };
    case 'crypto_qr': {
      const { providerPaymentId: _, ...rest } = presentation;
      return rest;
    }
    case 'bank_qr': {
      const { providerPaymentId: _, ...rest } = presentation;
      return rest;
    }
  }
}

export const paymentChange = (row: PaymentTable, op: 'create' | 'update'): ChangeInput => ({
  resellerId: row.reseller_id,
  customerId: row.customer_id,
  entity: 'payment',
  id: row.id,
  op,
  data: toPayment(row),
});

export function toPayer(row: PayerTable): Payer {
  return {
    id: row.id,
    customerId: row.customer_id,
    name: row.name,
    email: row.email,
    isDefault: row.is_default === 1,
    createdAt: row.created_at,
  };
}

export function toSavedMethod(row: SavedMethodTable): SavedMethod {
  return {
    id: row.id,
    customerId: row.customer_id,
    payerId: row.payer_id,
    provider: row.provider as PaymentProviderId,
    label: row.label,
    status: row.status,
    isDefault: row.is_default === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toReview(row: PaymentReviewTable): PaymentReview {
  return {
    id: row.id,
    paymentId: row.payment_id,
    provider: row.provider as PaymentProviderId,
    reason: row.reason,
    detail: row.detail,
    status: row.status,
    amount: row.amount,
    currency: row.currency as Currency | null,
    resolution: row.resolution,
    resolvedAt: row.resolved_at,
    applied:
      row.applied_at === null || row.applied_wallet_id === null
        ? null
        : {
            paymentId: row.applied_payment_id,
            walletId: row.applied_wallet_id,
            transactionId: row.applied_transaction_id,
            by: row.applied_by ?? '',
            at: row.applied_at,
          },
    createdAt: row.created_at,
  };
}

/**
 * A review in the change feed. It names no customer (customer_id null): a customer's feed only holds
 * changes carrying its own id, so reviews reach the reseller's staff (admins, support agents) only.
 */
export const reviewChange = (row: PaymentReviewTable, op: 'create' | 'update'): ChangeInput => ({
  resellerId: row.reseller_id,
  customerId: null,
  entity: 'payment_review',
  id: row.id,
  op,
  data: toReview(row),
});

export function toTopUpLink(row: TopUpLinkTable, url: string, now: string): TopUpLink {
  return {
    id: row.id,
    customerId: row.customer_id,
    walletId: row.wallet_id,
    amount: row.amount,
    currency: row.currency as Currency,
    url,
    // An active link past its expiry reads as expired without a job having to touch it.
    status: row.status === 'active' && row.expires_at <= now ? 'expired' : row.status,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
}

import type { Checkout, Payment, PaymentProviderId } from '../../shared/api/payments.js';
import type { PaymentTable } from '../db/schema.js';
import type { CheckoutPresentation } from '../gateways/provider.js';
import type { ChangeInput } from '../sync/record.js';

/**
 * A payment row as the routes answer it and the change feed carries it. `staff`: the reader is the
 * reseller's staff, who may see every customer's wallets; otherwise (the feed, which the payment's
 * customer reads too, a customer's request, an event) where its late money went names no other
 * customer's wallet.
 */
export function toPayment(row: PaymentTable, reader: { staff?: boolean } = {}): Payment {
  return {
    id: row.id,
    walletId: row.wallet_id,
    customerId: row.customer_id,
    payerId: row.payer_id,
    provider: row.provider as PaymentProviderId,
    amount: row.amount,
    currency: row.currency,
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
    invoiceId: row.invoice_id ?? null,
    failureReason: row.failure_reason,
    failureCode: row.failure_code ?? null,
    declineCode: row.decline_code ?? null,
    // The column stays 1 once the review was applied (a later report is the same money); the
    // payer is told it is held only while it is not final.
    heldForReview: row.held_for_review === 1 && (row.status === 'new' || row.status === 'processing'),
    // The sandbox is a test gateway: everything paid through it is a test.
    test: row.provider === 'sandbox',
    expiresAt: row.expires_at,
    paidAt: row.paid_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    refundedAmount: row.refunded_amount ?? 0,
    refundStatus: refundStatusOf(row),
    reversedAmount: row.reversed_amount ?? 0,
    disputeStatus: row.dispute_status ?? null,
    chainTxids: row.chain_txids ? (JSON.parse(row.chain_txids) as string[]) : [],
    bankReferences: row.bank_references ? (JSON.parse(row.bank_references) as string[]) : [],
    lateMoney: lateMoneyOf(row, reader.staff === true),
  };
}

function lateMoneyOf(row: PaymentTable, staff: boolean): Payment['lateMoney'] {
  if (!row.late_money_wallet_id || !row.late_money_customer_id || !row.late_money_at) return null;
  const otherCustomer = row.late_money_customer_id !== row.customer_id;
  const named = staff || !otherCustomer;
  return {
    otherCustomer,
    walletId: named ? row.late_money_wallet_id : null,
    customerId: named ? row.late_money_customer_id : null,
    at: row.late_money_at,
  };
}

/** `refunded` once everything credited went back out (to its source, or taken back by the provider). */
function refundStatusOf(row: PaymentTable): NonNullable<Payment['refundStatus']> {
  const refunded = row.refunded_amount ?? 0;
  if (refunded === 0) return 'none';
  return refunded + (row.reversed_amount ?? 0) >= row.amount ? 'refunded' : 'partially_refunded';
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

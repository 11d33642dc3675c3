/**
 * Every server migration this release has, in order (src/server/db/migrate.ts): what a migrated
 * database records. Tests that check what a migration recorded, or what is pending, name them from
 * here; migrations.test.ts checks that a fresh database records exactly these.
 */
export const MIGRATION_NAMES: readonly string[] = [
  '0010-initial',
  '0020-payments',
  '0030-tenant-events-append-only-ledger',
  '0040-auth-throttles',
  '0050-retention',
  '0060-test-mode-ledger-rows',
  '0070-payment-review-apply',
  '0080-users-and-movement-limits',
  '0090-merchant-credit-type',
  '0100-gateway-event-request-id',
  '0110-invoices',
  '0120-catalog-orders-subscriptions',
  '0130-refunds-and-reversals',
  '0140-webhooks-and-email',
  '0150-wallet-alerts-auto-top-up',
  '0160-invoice-receipts',
  '0190-support-tickets',
  '0200-audit-and-bank-lines',
  '0220-payment-chain-txids',
  '0230-crypto-address-indexes',
  '0290-payment-bank-references',
  '0330-crypto-address-gap',
  '0340-payment-review-pages',
  '0350-payment-failure-codes',
  '0360-ledger-wording',
  '0370-recipient-languages',
  '0380-top-up-link-revocation',
  '0400-test-receipts',
  '0410-customer-feed-compactions',
  '0420-payments-by-invoice',
  '0450-ledger-movement-audit',
  '0460-payments-held-for-review',
  '0471-payments-late-money',
  '0475-orders-timeout-retry',
  '0476-auto-top-up-alert-facts',
  '0477-auto-top-up-error-reasons',
  '0478-refund-failure-codes',
  '0480-closed-wallets-not-low',
  '0481-auto-top-up-unconfirmed-charge',
  '0485-payment-decline-codes',
  '0486-paypal-refund-refusal-codes',
  '0487-auto-top-up-attempt-reasons',
  '0488-stripe-refund-refusal-codes',
  '0493-auto-top-up-unconfirmed-notice',
  '0495-auto-top-up-alert-facts-recoded',
  '0496-auto-top-up-attempts-by-wallet',
  '0497-refunds-checked-at',
  '0498-refunds-sent-with-id',
];

/**
 * The ledger columns migrations added after the early ones, as a row written before them reads
 * once migrated: 0360 (wording) and 0450 (a staff movement's audit action and actor).
 */
export const LEDGER_COLUMNS_ADDED_LATER = {
  wording: null,
  audit_action: null,
  actor_user_id: null,
  actor_api_key_id: null,
  actor_role: null,
} as const;

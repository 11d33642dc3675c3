import {
  Migrator,
  sql,
  type DatabaseIntrospector,
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
} from 'kysely';
import type { Store } from './database.js';
import * as initial from './migrations/0010-initial.js';
import * as payments from './migrations/0020-payments.js';
import * as tenantEvents from './migrations/0030-tenant-events-append-only-ledger.js';
import * as authThrottles from './migrations/0040-auth-throttles.js';
import * as retention from './migrations/0050-retention.js';
import * as testModeLedgerRows from './migrations/0060-test-mode-ledger-rows.js';
import * as paymentReviewApply from './migrations/0070-payment-review-apply.js';
import * as usersAndMovementLimits from './migrations/0080-users-and-movement-limits.js';
import * as merchantCreditType from './migrations/0090-merchant-credit-type.js';
import * as gatewayEventRequestId from './migrations/0100-gateway-event-request-id.js';
import * as catalogOrdersSubscriptions from './migrations/0120-catalog-orders-subscriptions.js';
import * as webhooksAndEmail from './migrations/0140-webhooks-and-email.js';
import * as walletAlertsAutoTopUp from './migrations/0150-wallet-alerts-auto-top-up.js';
import * as refundsAndReversals from './migrations/0130-refunds-and-reversals.js';
import * as invoices from './migrations/0110-invoices.js';
import * as invoiceReceipts from './migrations/0160-invoice-receipts.js';
import * as supportTickets from './migrations/0190-support-tickets.js';
import * as auditAndBankLines from './migrations/0200-audit-and-bank-lines.js';
import * as paymentChainTxids from './migrations/0220-payment-chain-txids.js';
import * as cryptoAddressIndexes from './migrations/0230-crypto-address-indexes.js';
import * as paymentBankReferences from './migrations/0290-payment-bank-references.js';
import * as cryptoAddressGap from './migrations/0330-crypto-address-gap.js';
import * as paymentReviewPages from './migrations/0340-payment-review-pages.js';
import * as paymentFailureCodes from './migrations/0350-payment-failure-codes.js';
import * as ledgerWording from './migrations/0360-ledger-wording.js';
import * as recipientLanguages from './migrations/0370-recipient-languages.js';
import * as topUpLinkRevocation from './migrations/0380-top-up-link-revocation.js';
import * as testReceipts from './migrations/0400-test-receipts.js';
import * as customerFeedCompactions from './migrations/0410-customer-feed-compactions.js';
import * as paymentsByInvoice from './migrations/0420-payments-by-invoice.js';
import * as ledgerMovementAudit from './migrations/0450-ledger-movement-audit.js';
import * as paymentsHeldForReview from './migrations/0460-payments-held-for-review.js';
import * as paymentsLateMoney from './migrations/0471-payments-late-money.js';
import * as ordersTimeoutRetry from './migrations/0475-orders-timeout-retry.js';
import * as autoTopUpAlertFacts from './migrations/0476-auto-top-up-alert-facts.js';
import * as autoTopUpErrorReasons from './migrations/0477-auto-top-up-error-reasons.js';
import * as refundFailureCodes from './migrations/0478-refund-failure-codes.js';
import * as closedWalletsNotLow from './migrations/0480-closed-wallets-not-low.js';
import * as autoTopUpUnconfirmedCharge from './migrations/0481-auto-top-up-unconfirmed-charge.js';
import * as paymentDeclineCodes from './migrations/0485-payment-decline-codes.js';
import * as paypalRefundRefusalCodes from './migrations/0486-paypal-refund-refusal-codes.js';
import * as autoTopUpAttemptReasons from './migrations/0487-auto-top-up-attempt-reasons.js';
import * as stripeRefundRefusalCodes from './migrations/0488-stripe-refund-refusal-codes.js';
import * as autoTopUpUnconfirmedNotice from './migrations/0493-auto-top-up-unconfirmed-notice.js';
import * as autoTopUpAlertFactsRecoded from './migrations/0495-auto-top-up-alert-facts-recoded.js';
import * as autoTopUpAttemptsByWallet from './migrations/0496-auto-top-up-attempts-by-wallet.js';
import * as refundsCheckedAt from './migrations/0497-refunds-checked-at.js';
import * as refundsSentWithId from './migrations/0498-refunds-sent-with-id.js';

/** Numbered in steps of ten; each runs once, all pending ones in one transaction. */
const migrations = {
  '0010-initial': initial,
  '0020-payments': payments,
  '0030-tenant-events-append-only-ledger': tenantEvents,
  '0040-auth-throttles': authThrottles,
  '0050-retention': retention,
  '0060-test-mode-ledger-rows': testModeLedgerRows,
  '0070-payment-review-apply': paymentReviewApply,
  '0080-users-and-movement-limits': usersAndMovementLimits,
  '0090-merchant-credit-type': merchantCreditType,
  '0100-gateway-event-request-id': gatewayEventRequestId,
  '0110-invoices': invoices,
  '0120-catalog-orders-subscriptions': catalogOrdersSubscriptions,
  '0130-refunds-and-reversals': refundsAndReversals,
  '0140-webhooks-and-email': webhooksAndEmail,
  '0150-wallet-alerts-auto-top-up': walletAlertsAutoTopUp,
  '0160-invoice-receipts': invoiceReceipts,
  '0190-support-tickets': supportTickets,
  '0200-audit-and-bank-lines': auditAndBankLines,
  '0220-payment-chain-txids': paymentChainTxids,
  '0230-crypto-address-indexes': cryptoAddressIndexes,
  '0290-payment-bank-references': paymentBankReferences,
  '0330-crypto-address-gap': cryptoAddressGap,
  '0340-payment-review-pages': paymentReviewPages,
  '0350-payment-failure-codes': paymentFailureCodes,
  '0360-ledger-wording': ledgerWording,
  '0370-recipient-languages': recipientLanguages,
  '0380-top-up-link-revocation': topUpLinkRevocation,
  '0400-test-receipts': testReceipts,
  '0410-customer-feed-compactions': customerFeedCompactions,
  '0420-payments-by-invoice': paymentsByInvoice,
  '0450-ledger-movement-audit': ledgerMovementAudit,
  '0460-payments-held-for-review': paymentsHeldForReview,
  '0471-payments-late-money': paymentsLateMoney,
  '0475-orders-timeout-retry': ordersTimeoutRetry,
  '0476-auto-top-up-alert-facts': autoTopUpAlertFacts,
  '0477-auto-top-up-error-reasons': autoTopUpErrorReasons,
  '0478-refund-failure-codes': refundFailureCodes,
  '0480-closed-wallets-not-low': closedWalletsNotLow,
  '0481-auto-top-up-unconfirmed-charge': autoTopUpUnconfirmedCharge,
  '0485-payment-decline-codes': paymentDeclineCodes,
  '0486-paypal-refund-refusal-codes': paypalRefundRefusalCodes,
  '0487-auto-top-up-attempt-reasons': autoTopUpAttemptReasons,
  '0488-stripe-refund-refusal-codes': stripeRefundRefusalCodes,
  '0493-auto-top-up-unconfirmed-notice': autoTopUpUnconfirmedNotice,
  '0495-auto-top-up-alert-facts-recoded': autoTopUpAlertFactsRecoded,
  '0496-auto-top-up-attempts-by-wallet': autoTopUpAttemptsByWallet,
  '0497-refunds-checked-at': refundsCheckedAt,
  '0498-refunds-sent-with-id': refundsSentWithId,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly store: Store) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(migrations).map(([name, m]) => [name, { up: (db) => m.up(db, this.store.dialect) }]),
    );
  }
}

/**
 * Brings either database to the current schema. Refuses a database migrated by a newer release
 * (a migration it does not know has run) instead of guessing.
 */
export async function migrateToLatest(store: Store): Promise<void> {
  const migrator = await migratorFor(store);
  report(await migrator.migrateToLatest());
}

/** Runs the migrations up to and including `name` only: a migration's test starts from the one before. */
export async function migrateUpTo(store: Store, name: MigrationName): Promise<void> {
  const migrator = await migratorFor(store);
  report(await migrator.migrateTo(name));
}

export type MigrationName = keyof typeof migrations;

async function migratorFor(store: Store): Promise<Migrator> {
  // Kysely looks for its own tables in every schema it can see: name ours, or a kysely_migration
  // table in another schema of the same database makes it skip creating the one in this schema.
  const schema =
    store.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db)).rows[0]?.schema
      : undefined;
  return new Migrator({
    db: schema ? withOwnSchemaIntrospection(store.db, schema) : store.db,
    provider: new StaticProvider(store),
    // Numbers are handed out per change and changes land in any order: a database that already ran
    // 0080 must still get 0070 when it arrives. Each migration depends only on those before it in
    // number, and an unknown migration that has run is still refused (a database from the future).
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

/**
 * Kysely's PostgreSQL introspector reads every schema of the database, calling
 * pg_get_serial_sequence on each table's name: when another process drops a schema meanwhile (tests
 * do, each in its own schema), that call fails with "schema … does not exist" and the migration with
 * it. The migrator only asks which schemas and tables exist, so answer for this schema alone, from
 * the catalog, with no function that resolves names.
 */
function withOwnSchemaIntrospection<DB>(db: Kysely<DB>, schema: string): Kysely<DB> {
  const introspection: DatabaseIntrospector = {
    async getSchemas() {
      const found = await sql<{ name: string }>`
        select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db);
      return found.rows;
    },
    async getTables() {
      const found = await sql<{ name: string; kind: string }>`
        select c.relname as name, c.relkind as kind
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v')`.execute(db);
      return found.rows.map((t) => ({ name: t.name, schema, isView: t.kind === 'v', columns: [] }));
    },
    async getMetadata() {
      return { tables: await this.getTables() };
    },
  };
  // The Kysely instance keeps its state in private fields: its methods must run on the instance itself.
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function report({ error, results }: MigrationResultSet): void {
  if (!error) return;
  const failed = results?.find((r) => r.status === 'Error');
  throw new Error(
    `database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`,
    {
      cause: error,
    },
  );
}

/**
 * The migrations this release knows that the database has not run, in order (readiness: a process
 * whose schema is behind must not take traffic).
 */
export async function pendingMigrations(store: Store): Promise<string[]> {
  const migrator = await migratorFor(store);
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}

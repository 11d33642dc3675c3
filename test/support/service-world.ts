import { afterAll, beforeAll, expect } from 'vitest';
import { newId } from '../../src/shared/ids.js';
import type { Currency } from '../../src/shared/money.js';
import type { DialectName, Store, Trx } from '../../src/server/db/database.js';
import type { Database } from '../../src/server/db/schema.js';
import type { ErrorCode } from '../../src/shared/api/common.js';
import type { GatewayRegistry } from '../../src/server/gateways/registry.js';
import { sandboxGateway } from '../../src/server/gateways/sandbox/index.js';
import { updatePaymentSettings } from '../../src/server/services/payments/update-settings.js';
import { unwrap, type Result } from '../../src/server/services/result.js';
import type { Scope } from '../../src/server/services/scope.js';
import { freshDatabase, type TestDatabase } from './databases.js';

/**
 * The ground a service's unit test stands on (no HTTP): a fresh database of the dialect with two
 * resellers, each with two customers and a USD wallet per customer, and the scopes that reach them.
 */
export interface ServiceWorld {
  store: Store;
  now: string;
  /** Reseller A's admin. */
  admin: Scope;
  /** Reseller A's first customer, as a customer login's scope. */
  customer: Scope;
  a: Tenant;
  /** Another reseller: its records do not exist for A. */
  b: Tenant;
}

interface Tenant {
  resellerId: string;
  customerId: string;
  walletId: string;
  otherCustomerId: string;
  otherWalletId: string;
}

export const NOW = '2026-12-01T10:00:00.000Z';

async function tenant(trx: Trx, name: string): Promise<Tenant> {
  const resellerId = newId('reseller');
  await trx.insertInto('resellers').values({ id: resellerId, name, created_at: NOW }).execute();
  const customer = async (who: string) => {
    const id = newId('customer');
    await trx
      .insertInto('customers')
      .values({
        id,
        reseller_id: resellerId,
        name: who,
        email: `${who.toLowerCase()}@${name.toLowerCase()}.example`,
        external_ref: null,
        search_text: who.toLowerCase(),
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    return id;
  };
  const customerId = await customer('Ana');
  const otherCustomerId = await customer('Ben');
  return {
    resellerId,
    customerId,
    walletId: await addWallet(trx, resellerId, customerId, 'USD'),
    otherCustomerId,
    otherWalletId: await addWallet(trx, resellerId, otherCustomerId, 'USD'),
  };
}

export async function addWallet(
  trx: Trx,
  resellerId: string,
  customerId: string,
  currency: Currency,
  status: 'active' | 'closed' = 'active',
): Promise<string> {
  const id = newId('wallet');
  await trx
    .insertInto('wallets')
    .values({
      id,
      reseller_id: resellerId,
      customer_id: customerId,
      currency,
      status,
      balance: 0,
      pending_charges: 0,
      version: 0,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  return id;
}

/** Opens the world for one dialect before the file's tests; `world()` hands it to each test. */
export function serviceWorld(dialect: DialectName): () => ServiceWorld {
  let db: TestDatabase;
  let world: ServiceWorld;
  beforeAll(async () => {
    db = await freshDatabase(dialect);
    const [a, b] = await db.store.write(async (trx) => [
      await tenant(trx, 'Alpha'),
      await tenant(trx, 'Beta'),
    ]);
    world = {
      store: db.store,
      now: NOW,
      admin: { resellerId: a.resellerId, canWrite: true },
      customer: { resellerId: a.resellerId, customerId: a.customerId, canWrite: false },
      a,
      b,
    };
  });
  afterAll(async () => db?.drop());
  return () => world;
}

const TABLES: Array<keyof Database> = [
  'resellers',
  'users',
  'sessions',
  'api_keys',
  'customers',
  'wallets',
  'ledger_entries',
  'payment_settings',
  'payers',
  'saved_methods',
  'payments',
  'payment_reviews',
  'top_up_links',
  'sandbox_checkouts',
  'movement_limits',
  'changes',
];

/** Every row of the tables a payment-side service writes, to compare before and after. */
export async function snapshot(store: Store): Promise<string> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = await store.db
      .selectFrom(table as 'payers')
      .selectAll()
      .execute();
    // Sorted here: some tables have no id, and row order is no part of what a service wrote.
    out[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return JSON.stringify(out);
}

/**
 * Runs a service in a transaction that commits whatever it answers (stricter than a route, which
 * rolls a refusal back), and checks that it refused with `code` on `field` and wrote nothing.
 */
export async function expectRefusedUnwritten<C extends ErrorCode>(
  store: Store,
  run: (trx: Trx) => Promise<Result<unknown, C>>,
  code: C,
  field?: string,
): Promise<void> {
  const before = await snapshot(store);
  const result = await store.write(run);
  expect(result).toMatchObject({ ok: false, failure: { code, ...(field === undefined ? {} : { field }) } });
  if (!result.ok) expect(result.failure.field).toBe(field);
  expect(await snapshot(store)).toBe(before);
}

/** The gateways a service test offers: the sandbox only (it needs no credentials). */
export const SANDBOX_ONLY: GatewayRegistry = { sandbox: sandboxGateway };

/** Turns the sandbox on for a reseller, as its admin would (through the settings service). */
export async function enableSandbox(store: Store, scope: Scope): Promise<void> {
  const patch = {
    methods: [
      {
        provider: 'sandbox' as const,
        enabled: true,
        label: 'Sandbox',
        feeBasisPoints: 0,
        processingTime: 'Instant',
      },
    ],
  };
  await store.write(async (trx) =>
    unwrap(await updatePaymentSettings(trx, scope, { patch, testModeAllowed: true }, NOW)),
  );
}

import { expect } from 'vitest';
import type { ErrorCode } from '../../src/shared/api/common.js';
import type { Currency } from '../../src/shared/money.js';
import type { DialectName, Trx } from '../../src/server/db/database.js';
import { createCustomer } from '../../src/server/services/customers/create.js';
import { createReseller } from '../../src/server/services/auth/resellers.js';
import { unwrap, type Result } from '../../src/server/services/result.js';
import type { Scope } from '../../src/server/services/scope.js';
import { creditWallet } from '../../src/server/services/wallets/credit.js';
import { openWallet } from '../../src/server/services/wallets/open.js';
import { freshDatabase, type TestDatabase } from './databases.js';

/**
 * A database with one reseller, for calling services directly (no HTTP) the way a route, a job or
 * the demo seed does: inside a write transaction that its caller rolls back on a refusal.
 */
export interface ServiceWorld {
  db: TestDatabase;
  scope: Scope;
  now: string;
  /** Runs a service in a transaction of its own, rolled back if it refuses; answers its result. */
  call<T, C extends ErrorCode>(service: (trx: Trx) => Promise<Result<T, C>>): Promise<Result<T, C>>;
  /** A new customer's id. */
  customer(): Promise<string>;
  /** A wallet of a new customer, credited with `balance` minor units. */
  wallet(currency?: Currency, balance?: number): Promise<string>;
  /** Every row a service of this layer writes (ledger, holds, wallets, customers, change feed). */
  snapshot(): Promise<unknown>;
  /** Expects `call` to answer this refusal and the database to be exactly as it was before. */
  refuses(call: () => Promise<unknown>, failure: { code: ErrorCode; field?: string }): Promise<void>;
}

class Refused extends Error {}

export async function serviceWorld(dialect: DialectName): Promise<ServiceWorld> {
  const db = await freshDatabase(dialect);
  const now = '2026-11-21T10:00:00.000Z';
  const { reseller } = await db.store.write(async (trx) =>
    unwrap(
      await createReseller(
        trx,
        // No one signs in here: the admin's password hash is never checked.
        { name: 'Reseller', adminEmail: 'admin@reseller.example', adminPasswordHash: 'unused' },
        now,
      ),
    ),
  );
  const scope: Scope = { resellerId: reseller.id, canWrite: true };
  let customers = 0;
  const world: ServiceWorld = {
    db,
    scope,
    now,
    async call(service) {
      let result: Awaited<ReturnType<typeof service>> | undefined;
      try {
        await db.store.write(async (trx) => {
          result = await service(trx);
          if (!result.ok) throw new Refused();
        });
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
      }
      return result!;
    },
    async customer() {
      customers += 1;
      const input = { name: `Customer ${customers}`, email: `c${customers}@example.com` };
      return unwrap(await world.call((trx) => createCustomer(trx, scope, input, now))).id;
    },
    async wallet(currency = 'USD', balance = 0) {
      const customerId = await world.customer();
      const wallet = unwrap(await world.call((trx) => openWallet(trx, scope, { customerId, currency }, now)));
      if (balance > 0) {
        const input = { walletId: wallet.id, amount: balance, description: 'Opening credit' };
        unwrap(await world.call((trx) => creditWallet(trx, scope, input, now)));
      }
      return wallet.id;
    },
    async snapshot() {
      const read = (table: 'ledger_entries' | 'holds' | 'wallets' | 'customers' | 'changes') =>
        db.store.db.selectFrom(table).selectAll().execute();
      const [ledger, holds, wallets, customerRows, changes] = await Promise.all(
        (['ledger_entries', 'holds', 'wallets', 'customers', 'changes'] as const).map(read),
      );
      const byId = (rows: Array<{ id?: unknown; seq?: unknown }>) =>
        [...rows].sort((a, b) => String(a.id ?? a.seq).localeCompare(String(b.id ?? b.seq)));
      return {
        ledger: byId(ledger!),
        holds: byId(holds!),
        wallets: byId(wallets!),
        customers: byId(customerRows!),
        changes: changes!.length,
      };
    },
    async refuses(call, failure) {
      const before = await world.snapshot();
      expect(await call()).toMatchObject({ ok: false, failure });
      expect(await world.snapshot()).toEqual(before);
    },
  };
  return world;
}

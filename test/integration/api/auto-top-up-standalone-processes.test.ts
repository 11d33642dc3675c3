import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/app.js';
import { call, key, OPERATOR_TOKEN } from '../../support/api.js';
import { databaseUrlOf, startApiChild, type ApiChild } from '../../support/api-processes.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { pressSandboxButton } from '../../support/payments.js';
import { createTenant, ok } from '../../support/tenants.js';

/**
 * Two standalone API processes (src/server/server.ts) on one database, each running its auto top-up
 * job as it starts, both while a wallet's auto top-up is due: one charge. Stopping a process waits
 * for its job run in progress, so once both have exited, every run they started has finished.
 */
describe.each(DIALECTS)('auto top-up in two standalone API processes on %s', (dialect) => {
  const folder = mkdtempSync(join(tmpdir(), 'auto-top-up-'));
  let db: TestDatabase;
  let children: ApiChild[] = [];
  afterEach(async () => {
    await Promise.all(children.map((c) => c.stop('SIGKILL')));
    children = [];
    await db?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('one crossing, two processes starting their jobs at once: one charge', async () => {
    db = await freshDatabase(dialect, dialect === 'sqlite' ? { file: join(folder, 'billing.sqlite') } : {});
    const credentialsKey = randomBytes(32);
    // Set up in-process on the same database: a saved sandbox card and a due auto top-up.
    const setup = await buildApp({
      store: db.store,
      operatorToken: OPERATOR_TOKEN,
      databaseUrl: dialect === 'postgres' ? db.url : undefined,
      schema: db.schema,
      retention: { jobs: false },
      payments: { credentialsKey, jobs: false },
    });
    await setup.listen({ port: 0, host: '127.0.0.1' });
    const t = await createTenant(setup, 'Standalone');
    const payer = await ok(
      call(setup, 'POST', `/v1/customers/${t.customerId}/payers`, { token: t.admin, body: { name: 'AP' } }),
    );
    const first = await ok(
      call(setup, 'POST', `/v1/wallets/${t.walletId}/top-ups`, {
        token: t.admin,
        key: key(),
        body: { amount: 1_000, provider: 'sandbox', payerId: payer.id, saveMethod: true },
      }),
    );
    await pressSandboxButton(first.checkout.url, 'pay');
    await setup.payments.settled();
    const wallet = await ok(call(setup, 'GET', `/v1/wallets/${t.walletId}`, { token: t.admin }));
    await ok(
      call(setup, 'PUT', `/v1/wallets/${t.walletId}/auto-top-up`, {
        token: t.admin,
        body: {
          enabled: true,
          threshold: wallet.availableBalance,
          amount: 5_000,
          paymentMethodId: first.savesMethodId,
        },
      }),
    );
    await ok(
      call(setup, 'POST', `/v1/wallets/${t.walletId}/debits`, {
        token: t.admin,
        key: key(),
        body: { amount: 100, description: 'usage' },
      }),
    );
    expect(
      (await ok(call(setup, 'GET', `/v1/wallets/${t.walletId}/auto-top-up`, { token: t.admin }))).state,
    ).toBe('due');
    await setup.close();

    const env = {
      CREDENTIALS_KEY: credentialsKey.toString('base64'),
      PAYMENT_JOBS: 'true',
      PRUNE_JOBS: 'false',
    };
    children = await Promise.all([
      startApiChild(databaseUrlOf(db), { env }),
      startApiChild(databaseUrlOf(db), { env }),
    ]);
    const exits = await Promise.all(children.map((c) => c.stop('SIGTERM')));
    children = [];
    expect(exits.map((e) => e.code)).toEqual([0, 0]);

    const charges = await db.store.db
      .selectFrom('payments')
      .select(['status', 'amount'])
      .where('wallet_id', '=', t.walletId)
      .where('saved_method_id', '=', first.savesMethodId)
      .execute();
    expect(charges).toEqual([{ status: 'paid', amount: 5_000 }]);
    const row = await db.store.db
      .selectFrom('wallet_auto_top_ups')
      .select(['state', 'consecutive_failures'])
      .where('wallet_id', '=', t.walletId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'idle', consecutive_failures: 0 });
  });
});

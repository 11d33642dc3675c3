import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import type { Api } from '../../src/server/context.js';
import { openStore, type Store } from '../../src/server/db/database.js';
import { call, OPERATOR_TOKEN } from '../support/api.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/databases.js';
import { MIGRATION_NAMES } from '../support/migration-names.js';

const folder = mkdtempSync(join(tmpdir(), 'health-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe.each(DIALECTS)('health and readiness on %s', (dialect) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** An app on a store of its own (the test may close it) over a fresh database. */
  async function appOver(options: { upTo?: '0070-payment-review-apply'; jobs?: boolean } = {}) {
    const file = join(folder, `${dialect}-${Math.random().toString(36).slice(2)}.sqlite`);
    const db: TestDatabase = await freshDatabase(dialect, {
      ...(dialect === 'sqlite' ? { file } : {}),
      ...(options.upTo ? { upTo: options.upTo } : {}),
    });
    cleanups.push(() => db.drop());
    const store: Store =
      dialect === 'sqlite' ? openStore(`sqlite:${file}`) : openStore(db.url, { schema: db.schema! });
    let storeOpen = true;
    const closeStore = async () => {
      if (!storeOpen) return;
      storeOpen = false;
      await store.close();
    };
    const app: Api = await buildApp({
      store,
      operatorToken: OPERATOR_TOKEN,
      payments: { jobs: options.jobs ?? true, jobEveryMs: { events: 3_600_000 } },
      retention: { jobs: false },
    });
    await app.ready();
    cleanups.push(async () => {
      await app.close();
      await closeStore();
    });
    return { app, closeStore };
  }

  it('/healthz answers 200 without a credential', async () => {
    const { app } = await appOver();
    const reply = await call(app, 'GET', '/healthz');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ok: true });
  });

  it('/readyz names each check: database, migrations and, with jobs, their leases', async () => {
    const { app } = await appOver();
    const reply = await call(app, 'GET', '/readyz');
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({
      status: 'ready',
      checks: { database: { ok: true }, migrations: { ok: true }, jobs: { ok: true } },
    });
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('a process that runs no jobs is not asked about leases', async () => {
    const { app } = await appOver({ jobs: false });
    const reply = await call(app, 'GET', '/readyz');
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body.checks).sort()).toEqual(['database', 'migrations']);
  });

  it('a schema behind this release is 503, naming the migrations check and what is pending', async () => {
    const { app } = await appOver({ upTo: '0070-payment-review-apply', jobs: false });
    const reply = await call(app, 'GET', '/readyz');
    expect(reply.status).toBe(503);
    expect(reply.body).toMatchObject({
      status: 'unready',
      failing: ['migrations'],
      checks: {
        database: { ok: true },
        migrations: {
          ok: false,
          reason: 'pending',
          detail: {
            pending: MIGRATION_NAMES.slice(MIGRATION_NAMES.indexOf('0070-payment-review-apply') + 1),
          },
        },
      },
    });
    // Alive all the same: a liveness probe must not get it restarted for this.
    expect((await call(app, 'GET', '/healthz')).status).toBe(200);
  });

  it('a database that is gone is 503 naming the database, and /healthz still 200', async () => {
    const { app, closeStore } = await appOver();
    expect((await call(app, 'GET', '/readyz')).status).toBe(200);
    await closeStore();
    const reply = await call(app, 'GET', '/readyz');
    expect(reply.status).toBe(503);
    expect(reply.body).toMatchObject({
      status: 'unready',
      failing: ['database'],
      checks: {
        database: { ok: false, reason: 'failed' },
        migrations: { ok: false, reason: 'skipped: database unreachable' },
        jobs: { ok: false, reason: 'skipped: database unreachable' },
      },
    });
    expect(JSON.stringify(reply.body)).not.toMatch(/postgres:\/\/|password|sqlite:/i);
    expect((await call(app, 'GET', '/healthz')).status).toBe(200);
  });
});

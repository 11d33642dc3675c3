/**
 * Three API processes started at once on a fresh PostgreSQL schema: the migrations run once (Kysely's
 * migrator takes a lock in the database, so the others wait and then find nothing to do), and all
 * three become ready. This is how the compose file and scripts/run-stack.sh start the stack.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrlOf, startApiChild, type ApiChild } from '../support/api-processes.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { http } from '../support/http.js';

describe('several API processes starting together on PostgreSQL', () => {
  let db: TestDatabase | undefined;
  const apis: ApiChild[] = [];
  afterAll(async () => {
    for (const api of apis) await api.stop('SIGKILL');
    await db?.drop();
  });

  it('migrate once and all become ready', async () => {
    db = await freshDatabase('postgres', { migrate: false });
    const url = databaseUrlOf(db);
    const started = await Promise.allSettled(
      [1, 2, 3].map(() => startApiChild(url, { env: { PAYMENT_JOBS: 'false' } })),
    );
    for (const s of started) if (s.status === 'fulfilled') apis.push(s.value);
    expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'ready'))).toEqual([
      'ready',
      'ready',
      'ready',
    ]);
    for (const api of apis) {
      const ready = await http(api.url, 'GET', '/readyz');
      expect(ready.status, JSON.stringify(ready.body)).toBe(200);
      expect(ready.body.checks.migrations).toEqual({ ok: true });
    }
    const runs = await db.store.db
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .execute();
    // Each migration recorded once: nobody ran one twice.
    const names = runs.map((r) => (r as { name: string }).name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThan(0);
  });
});

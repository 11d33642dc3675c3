import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freshDatabase, POSTGRES_URL } from '../../support/databases.js';

/**
 * Every test takes a PostgreSQL schema of its own and drops it at the end, while other test files
 * migrate theirs. A migration must not read the other schemas: one dropped under it made
 * "schema … does not exist" fail a migration that had nothing to do with it.
 */
describe('migrating PostgreSQL while other schemas come and go', () => {
  it('brings its own schema to the latest migration, whatever other schemas are dropped meanwhile', async () => {
    const churn = new pg.Client({ connectionString: POSTGRES_URL });
    await churn.connect();
    let running = true;
    let dropped = 0;
    // Other "tests": schemas with tables (with serial columns, which the introspector resolves by name).
    const churning = (async () => {
      while (running) {
        const name = `churn_${randomBytes(6).toString('hex')}`;
        await churn.query(
          `create schema ${name}; ` +
            Array.from(
              { length: 20 },
              (_, i) => `create table ${name}.t${i} (id serial primary key, v text);`,
            ).join(' '),
        );
        await churn.query(`drop schema ${name} cascade`);
        dropped += 1;
      }
    })();
    try {
      for (let round = 0; round < 8; round += 1) {
        const db = await freshDatabase('postgres', { fromScratch: true });
        await db.drop();
      }
    } finally {
      running = false;
      await churning;
      await churn.end();
    }
    expect(dropped).toBeGreaterThan(0);
  });
});

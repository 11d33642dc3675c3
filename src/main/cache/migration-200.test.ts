import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { bankColumnMappingSchema } from '../../shared/recon.js';
import { BankMappings } from '../recon/bank-mappings.js';
import { cacheMigrations } from './cache-migrations.js';
import { migrate } from './migrate.js';
import { CacheStore } from './cache-store.js';

describe('cache migration 200: bank column mappings', () => {
  it('adds the table on a cache at 150, remembers a mapping per bank, and keeps it through clear()', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      cacheMigrations.filter((m) => m.version <= 150),
    );
    expect(
      migrate(
        db,
        cacheMigrations.filter((m) => m.version <= 200),
      ),
    ).toBe(200);
    // The rest of this release's migrations, which the cache store (its search index) expects.
    migrate(db, cacheMigrations);
    const mappings = new BankMappings(db);
    const mapping = bankColumnMappingSchema.parse({
      date: 'Ngày',
      amount: 'Có',
      description: 'Mô tả',
      reference: 'Số CT',
    });
    mappings.save('Vietcombank', mapping, new Date('2026-12-01T00:00:00Z'));
    mappings.save('Vietcombank', { ...mapping, amount: 'Ghi có' }, new Date('2026-12-02T00:00:00Z'));
    new CacheStore(db).clear();
    expect(mappings.get('Vietcombank')).toEqual({ ...mapping, amount: 'Ghi có' });
    expect(mappings.get('Techcombank')).toBeNull();
    expect(mappings.banks()).toEqual(['Vietcombank']);
  });
});

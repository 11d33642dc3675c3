import type BetterSqlite3 from 'better-sqlite3';
import { bankColumnMappingSchema, type BankColumnMapping } from '../../shared/recon.js';

/** Each bank's CSV column mapping, remembered in the cache database (cache migration 200). */
export class BankMappings {
  constructor(private readonly db: BetterSqlite3.Database) {}

  get(bank: string): BankColumnMapping | null {
    const row = this.db.prepare('select mapping from bank_mappings where bank = ?').get(bank) as
      { mapping: string } | undefined;
    if (!row) return null;
    // Written by save() below; parsed again so that an older shape gets today's defaults.
    const parsed = bankColumnMappingSchema.safeParse(JSON.parse(row.mapping));
    return parsed.success ? parsed.data : null;
  }

  save(bank: string, mapping: BankColumnMapping, now: Date): void {
    this.db
      .prepare(
        `insert into bank_mappings (bank, mapping, updated_at) values (?, ?, ?)
         on conflict (bank) do update set mapping = excluded.mapping, updated_at = excluded.updated_at`,
      )
      .run(bank, JSON.stringify(mapping), now.toISOString());
  }

  banks(): string[] {
    return (
      this.db.prepare('select bank from bank_mappings order by bank').all() as Array<{ bank: string }>
    ).map((r) => r.bank);
  }
}

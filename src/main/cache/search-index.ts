import type BetterSqlite3 from 'better-sqlite3';
import {
  searchKinds,
  type SearchHit,
  type SearchKind,
  type SearchResults,
} from '../../shared/ipc-contract.js';
import type { Currency } from '../../shared/money.js';
import { readPayment } from './payment-reads.js';
import { codesQuery, foldForSearch, wordsQuery } from './search-text.js';

/**
 * Every document of one kind has its FTS5 rowid in its own range, so that one query per kind
 * (`rowid between`) reads only that kind's entries, newest first, and stops at its limit: a rare
 * kind is never crowded out by a million ledger rows. A ledger row's rowid is its range's start
 * plus its feed position (`seq`); other kinds are numbered in `search_refs` as they are indexed.
 */
const RANGE = 2 ** 40;
const base = (kind: SearchKind) => (searchKinds.indexOf(kind) + 1) * RANGE;

/** Rows indexed per transaction: about 20–40 ms of this thread at a time, whatever the backlog. */
export const SEARCH_CHUNK = 1000;

interface Doc {
  words: string;
  codes: string;
}

interface TransactionDoc {
  seq: number;
  description: string;
  type: string;
  reference: string | null;
  related_id: string | null;
}

/**
 * The local search index (issue 13): FTS5 over the cache, kept up to date after the feed writes
 * it rather than inside its writes, so that an initial sync of a million rows runs at insert speed
 * (see `SearchIndexer` in ../sync/search-indexer.ts). Customers and payments are marked dirty by
 * triggers (cache migration 150); ledger rows, append-only, are indexed past a feed position kept
 * in `meta.search_seq`. Two indexes: words (names, descriptions; prefixes; accents folded) and
 * codes (ids, references, addresses, memos; any piece of three characters or more, by trigrams).
 * The cache holds only what the signed-in user may see, and so does its index.
 */
export class SearchIndex {
  private readonly statements;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.statements = {
      dirty: db.prepare('select kind, ref_id from search_dirty limit ?'),
      undirty: db.prepare('delete from search_dirty where kind = ? and ref_id = ?'),
      refDocid: db.prepare('select docid from search_refs where kind = ? and ref_id = ?').pluck(),
      nextDocid: db
        .prepare('select coalesce(max(docid), ?) + 1 from search_refs where docid between ? and ?')
        .pluck(),
      addRef: db.prepare('insert into search_refs (docid, kind, ref_id) values (?, ?, ?)'),
      dropRef: db.prepare('delete from search_refs where docid = ?'),
      deleteWords: db.prepare('delete from search_words where rowid = ?'),
      deleteCodes: db.prepare('delete from search_codes where rowid = ?'),
      insertWords: db.prepare('insert into search_words (rowid, words) values (?, ?)'),
      insertCodes: db.prepare('insert into search_codes (rowid, codes) values (?, ?)'),
      customer: db.prepare('select name, email, external_ref from customers where id = ?'),
      payment: db.prepare(
        `select p.data, c.name as customer_name from payments p
         left join customers c on c.id = p.customer_id where p.id = ?`,
      ),
      watermark: db.prepare("select cast(value as integer) from meta where key = 'search_seq'").pluck(),
      setWatermark: db.prepare(
        "insert into meta (key, value) values ('search_seq', ?) on conflict (key) do update set value = excluded.value",
      ),
      newTransactions: db.prepare(
        'select seq, description, type, reference, related_id from transactions where seq > ? order by seq limit ?',
      ),
      lastSeq: db.prepare('select max(seq) from transactions').pluck(),
      dirtyCount: db.prepare('select count(*) from search_dirty').pluck(),
    };
  }

  /** Roughly how many rows are waiting to be indexed (an upper bound; cheap at any size). */
  backlog(): number {
    const s = this.statements;
    const last = (s.lastSeq.get() as number | null) ?? 0;
    return (s.dirtyCount.get() as number) + Math.max(0, last - this.watermark());
  }

  /** Indexes up to `limit` waiting rows in one transaction; returns how many it indexed. */
  indexSome(limit = SEARCH_CHUNK): number {
    return this.db.transaction(() => {
      const s = this.statements;
      const dirty = s.dirty.all(limit) as Array<{ kind: SearchKind; ref_id: string }>;
      for (const { kind, ref_id } of dirty) {
        this.reindex(kind, ref_id);
        s.undirty.run(kind, ref_id);
      }
      const rows = s.newTransactions.all(this.watermark(), limit - dirty.length) as TransactionDoc[];
      for (const row of rows) this.insert(base('transaction') + row.seq, transactionDoc(row));
      if (rows.length > 0) s.setWatermark.run(String(rows.at(-1)!.seq));
      return dirty.length + rows.length;
    })();
  }

  /** Forgets the whole index (the cache was cleared). */
  clear(): void {
    this.db.exec(`
      insert into search_words (search_words) values ('delete-all');
      insert into search_codes (search_codes) values ('delete-all');
      delete from search_refs; delete from search_dirty;
    `);
  }

  /** The newest `limit` documents of each kind matching `query`, by word prefix or by code piece. */
  search(query: string, limit: number): SearchResults['groups'] {
    const words = wordsQuery(query);
    const codes = codesQuery(query);
    const groups: SearchResults['groups'] = [];
    for (const kind of searchKinds) {
      const lo = base(kind);
      const hi = lo + RANGE - 1;
      const docids = new Set<number>();
      const match = (table: string, q: string) =>
        this.db
          .prepare(
            `select rowid from ${table} where ${table} match ? and rowid between ? and ? order by rowid desc limit ?`,
          )
          .pluck()
          .all(q, lo, hi, limit) as number[];
      if (words) for (const d of match('search_words', words)) docids.add(d);
      if (codes) for (const d of match('search_codes', codes)) docids.add(d);
      const items = [...docids]
        .sort((a, b) => b - a)
        .slice(0, limit)
        .map((docid) => this.hit(kind, docid))
        .filter((hit): hit is SearchHit => hit !== null);
      if (items.length > 0) groups.push({ kind, items });
    }
    return groups;
  }

  // ---- indexing -------------------------------------------------------------------------------

  private watermark(): number {
    return (this.statements.watermark.get() as number | undefined) ?? 0;
  }

  private insert(docid: number, doc: Doc): void {
    this.statements.insertWords.run(docid, doc.words);
    if (doc.codes) this.statements.insertCodes.run(docid, doc.codes);
  }

  /** A customer or payment changed (or went): its entries are replaced by what the cache holds now. */
  private reindex(kind: SearchKind, refId: string): void {
    const s = this.statements;
    const known = s.refDocid.get(kind, refId) as number | undefined;
    if (known !== undefined) {
      s.deleteWords.run(known);
      s.deleteCodes.run(known);
    }
    const doc =
      kind === 'customer' ? this.customerDoc(refId) : kind === 'payment' ? this.paymentDoc(refId) : null;
    if (!doc) {
      if (known !== undefined) s.dropRef.run(known);
      return;
    }
    let docid = known;
    if (docid === undefined) {
      const lo = base(kind);
      docid = s.nextDocid.get(lo, lo, lo + RANGE - 1) as number;
      s.addRef.run(docid, kind, refId);
    }
    this.insert(docid, doc);
  }

  private customerDoc(id: string): Doc | null {
    const row = this.statements.customer.get(id) as
      { name: string; email: string; external_ref: string | null } | undefined;
    if (!row) return null;
    return {
      words: foldForSearch(`${row.name} ${row.email} ${row.external_ref ?? ''}`),
      codes: foldForSearch(join([id, row.email, row.external_ref])),
    };
  }

  private paymentDoc(id: string): Doc | null {
    const row = this.statements.payment.get(id) as { data: string; customer_name: string | null } | undefined;
    if (!row) return null;
    const p = readPayment(row.data);
    const checkout = p.checkout;
    const address = checkout?.kind === 'crypto_qr' ? checkout.address : null;
    const memo = checkout?.kind === 'bank_qr' ? checkout.memo : null;
    return {
      words: foldForSearch(`${p.provider} top up ${p.status} ${row.customer_name ?? ''}`),
      codes: foldForSearch(join([id, p.providerReference, address, memo, p.transactionId])),
    };
  }

  // ---- reading back ---------------------------------------------------------------------------

  private hit(kind: SearchKind, docid: number): SearchHit | null {
    if (kind === 'transaction') {
      const row = this.db
        .prepare(
          `select t.id, t.description, t.type, t.amount, t.currency, t.created_at, t.wallet_id, t.customer_id,
                  c.name as customer_name
           from transactions t left join customers c on c.id = t.customer_id where t.seq = ?`,
        )
        .get(docid - base('transaction')) as
        | {
            id: string;
            description: string;
            type: string;
            amount: number;
            currency: Currency;
            created_at: string;
            wallet_id: string;
            customer_id: string;
            customer_name: string | null;
          }
        | undefined;
      if (!row) return null;
      return {
        kind,
        id: row.id,
        title: row.description,
        detail: row.customer_name ?? '',
        type: row.type,
        amount: row.amount,
        currency: row.currency,
        at: row.created_at,
        customerId: row.customer_id,
        walletId: row.wallet_id,
      };
    }
    const refId = this.db.prepare('select ref_id from search_refs where docid = ?').pluck().get(docid) as
      string | undefined;
    if (refId === undefined) return null;
    if (kind === 'customer') {
      const row = this.statements.customer.get(refId) as { name: string; email: string } | undefined;
      if (!row) return null;
      const none = { type: null, amount: null, currency: null, at: null, walletId: null };
      return { kind, id: refId, title: row.name, detail: row.email, customerId: refId, ...none };
    }
    const row = this.statements.payment.get(refId) as
      { data: string; customer_name: string | null } | undefined;
    if (!row) return null;
    const p = readPayment(row.data);
    return {
      kind,
      id: p.id,
      title: p.providerReference ?? p.id,
      detail: row.customer_name ?? '',
      type: `${p.provider}:${p.status}`,
      amount: p.amount,
      currency: p.currency,
      at: p.createdAt,
      customerId: p.customerId,
      walletId: p.walletId,
    };
  }
}

function transactionDoc(row: TransactionDoc): Doc {
  return {
    words: foldForSearch(`${row.description} ${row.type.replace(/_/g, ' ')}`),
    codes: foldForSearch(join([row.reference, row.related_id])),
  };
}

/** Identifiers apart, so that no piece is found across two of them. */
function join(values: Array<string | null | undefined>): string {
  return values.filter((v): v is string => typeof v === 'string' && v !== '').join(' | ');
}

import type BetterSqlite3 from 'better-sqlite3';
import { payingStatus, type Invoice } from '../../shared/api/invoices.js';
import type { Order } from '../../shared/api/orders.js';
import { heldUnanswered, type Payment } from '../../shared/api/payments.js';
import type { Ticket } from '../../shared/api/tickets.js';
import {
  HELD_FOR_REVIEW,
  HELD_UNANSWERED,
  searchKinds,
  type SearchHit,
  type SearchKind,
  type SearchResults,
} from '../../shared/ipc-contract.js';
import type { Currency } from '../../shared/money.js';
import { readPayment } from './payment-reads.js';
import { codesQuery, foldForSearch, wordsQuery } from './search-text.js';

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
 * One FTS5 table of each per kind, so a kind's query reads only its own entries, newest first, and
 * stops at its limit. The cache holds only what the signed-in user may see, and so does its index.
 */
export class SearchIndex {
  private readonly statements;

  constructor(private readonly db: BetterSqlite3.Database) {
    const perKind = <T>(make: (kind: SearchKind) => T) =>
      Object.fromEntries(searchKinds.map((kind) => [kind, make(kind)])) as Record<SearchKind, T>;
    this.statements = {
      dirty: db.prepare('select kind, ref_id from search_dirty limit ?'),
      undirty: db.prepare('delete from search_dirty where kind = ? and ref_id = ?'),
      refDocid: db.prepare('select docid from search_refs where kind = ? and ref_id = ?').pluck(),
      refId: db.prepare('select ref_id from search_refs where docid = ?').pluck(),
      addRef: db.prepare('insert into search_refs (kind, ref_id) values (?, ?)'),
      dropRef: db.prepare('delete from search_refs where docid = ?'),
      deleteWords: perKind((k) => db.prepare(`delete from search_words_${k} where rowid = ?`)),
      deleteCodes: perKind((k) => db.prepare(`delete from search_codes_${k} where rowid = ?`)),
      insertWords: perKind((k) => db.prepare(`insert into search_words_${k} (rowid, words) values (?, ?)`)),
      insertCodes: perKind((k) => db.prepare(`insert into search_codes_${k} (rowid, codes) values (?, ?)`)),
      /** The newest matches first, stopped at the limit: FTS5 reads no further than it must. */
      matchWords: perKind((k) =>
        db
          .prepare(
            `select rowid from search_words_${k} where search_words_${k} match ? order by rowid desc limit ?`,
          )
          .pluck(),
      ),
      matchCodes: perKind((k) =>
        db
          .prepare(
            `select rowid from search_codes_${k} where search_codes_${k} match ? order by rowid desc limit ?`,
          )
          .pluck(),
      ),
      customer: db.prepare('select name, email, external_ref from customers where id = ?'),
      record: {
        payment: recordWithCustomer(db, 'payments'),
        invoice: recordWithCustomer(db, 'invoices'),
        order: recordWithCustomer(db, 'orders'),
        ticket: recordWithCustomer(db, 'tickets'),
      },
      transaction: db.prepare(
        `select t.id, t.description, t.reference, t.type, t.amount, t.currency, t.created_at, t.wallet_id, t.customer_id,
                t.related_id, t.wording, c.name as customer_name
         from transactions t left join customers c on c.id = t.customer_id where t.seq = ?`,
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

  /**
   * Indexes up to `limit` waiting rows in one transaction; returns how many it indexed. The write
   * lock is taken first: a transaction that read before writing could not write at all once the
   * feed worker's connection had committed in between (SQLITE_BUSY_SNAPSHOT, never waited for).
   */
  indexSome(limit = SEARCH_CHUNK): number {
    return this.db.transaction(() => this.indexSomeNow(limit)).immediate();
  }

  private indexSomeNow(limit: number): number {
    const s = this.statements;
    const dirty = s.dirty.all(limit) as Array<{ kind: SearchKind; ref_id: string }>;
    for (const { kind, ref_id } of dirty) {
      this.reindex(kind, ref_id);
      s.undirty.run(kind, ref_id);
    }
    const rows = s.newTransactions.all(this.watermark(), limit - dirty.length) as TransactionDoc[];
    for (const row of rows) this.insert('transaction', row.seq, transactionDoc(row));
    if (rows.length > 0) s.setWatermark.run(String(rows.at(-1)!.seq));
    return dirty.length + rows.length;
  }

  /** Forgets the whole index (the cache was cleared). */
  clear(): void {
    for (const kind of searchKinds) {
      this.db.exec(`
        insert into search_words_${kind} (search_words_${kind}) values ('delete-all');
        insert into search_codes_${kind} (search_codes_${kind}) values ('delete-all');
      `);
    }
    this.db.exec('delete from search_refs; delete from search_dirty;');
  }

  /** The newest `limit` documents of each kind matching `query`, by word prefix or by code piece. */
  search(query: string, limit: number): SearchResults['groups'] {
    const words = wordsQuery(query);
    const codes = codesQuery(query);
    const s = this.statements;
    const groups: SearchResults['groups'] = [];
    for (const kind of searchKinds) {
      const docids = new Set<number>();
      const add = (found: unknown[]) => found.forEach((docid) => docids.add(docid as number));
      if (words) {
        add(s.matchWords[kind].all(words.exact, limit));
        if (docids.size < limit && words.prefix !== words.exact)
          add(s.matchWords[kind].all(words.prefix, limit));
      }
      if (codes) add(s.matchCodes[kind].all(codes, limit));
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

  private insert(kind: SearchKind, docid: number, doc: Doc): void {
    this.statements.insertWords[kind].run(docid, doc.words);
    if (doc.codes) this.statements.insertCodes[kind].run(docid, doc.codes);
  }

  /** A customer or payment changed (or went): its entries are replaced by what the cache holds now. */
  private reindex(kind: SearchKind, refId: string): void {
    const s = this.statements;
    const known = s.refDocid.get(kind, refId) as number | undefined;
    if (known !== undefined) {
      s.deleteWords[kind].run(known);
      s.deleteCodes[kind].run(known);
    }
    const doc = kind === 'customer' ? this.customerDoc(refId) : this.recordDoc(kind, refId);
    if (!doc) {
      if (known !== undefined) s.dropRef.run(known);
      return;
    }
    const docid = known ?? Number(s.addRef.run(kind, refId).lastInsertRowid);
    this.insert(kind, docid, doc);
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

  /**
   * What the payment an invoice still due tracks makes it read (payingStatus): `payment_held` while
   * paid at its provider and held for staff, `processing` while confirmed by its provider or charged
   * to a saved card; null otherwise. Read with the hit, so it follows the payment's own updates.
   */
  private paying(i: Invoice): 'payment_held' | 'processing' | null {
    if (i.pendingPaymentId === null || (i.status !== 'open' && i.status !== 'partially_paid')) return null;
    const payment = this.record('payment', i.pendingPaymentId);
    return payment === null ? null : payingStatus(readPayment(payment.data));
  }

  /** A payment, invoice or order, with its customer's name, as the cache holds it; null if gone. */
  private record(kind: RecordKind, id: string): { data: string; customerName: string } | null {
    const row = this.statements.record[kind].get(id) as
      { data: string; customer_name: string | null } | undefined;
    return row ? { data: row.data, customerName: row.customer_name ?? '' } : null;
  }

  private recordDoc(kind: SearchKind, id: string): Doc | null {
    if (!isRecordKind(kind)) return null;
    const row = this.record(kind, id);
    if (!row) return null;
    if (kind === 'payment') {
      const p = readPayment(row.data);
      return {
        words: foldForSearch(`${p.provider} top up ${p.status} ${row.customerName}`),
        codes: foldForSearch(
          join([
            id,
            p.providerReference,
            paymentCode(p),
            p.transactionId,
            ...(p.chainTxids ?? []),
            ...(p.bankReferences ?? []),
          ]),
        ),
      };
    }
    if (kind === 'invoice') {
      const i = JSON.parse(row.data) as Invoice;
      const lines = i.lines.map((line) => line.description).join(' ');
      return {
        words: foldForSearch(
          `invoice ${i.number ?? 'draft'} ${i.status} ${row.customerName} ${i.memo ?? ''} ${lines}`,
        ),
        codes: foldForSearch(join([id, i.number, i.pendingPaymentId])),
      };
    }
    if (kind === 'ticket') {
      const t = JSON.parse(row.data) as Ticket;
      const thread = t.messages.map((m) => m.body).join(' ');
      return {
        words: foldForSearch(`ticket ${t.subject} ${row.customerName} ${thread}`),
        codes: foldForSearch(join([id, t.about?.id])),
      };
    }
    const o = JSON.parse(row.data) as Order;
    return {
      words: foldForSearch(`order ${o.number} ${o.productName} ${o.status} ${row.customerName}`),
      codes: foldForSearch(join([id, o.number, o.paymentTransactionId, o.refundTransactionId])),
    };
  }

  // ---- reading back ---------------------------------------------------------------------------

  private hit(kind: SearchKind, docid: number): SearchHit | null {
    if (kind === 'transaction') {
      const row = this.statements.transaction.get(docid) as
        | {
            id: string;
            description: string;
            reference: string | null;
            type: string;
            amount: number;
            currency: Currency;
            created_at: string;
            wallet_id: string;
            customer_id: string;
            related_id: string | null;
            wording: string | null;
            customer_name: string | null;
          }
        | undefined;
      if (!row) return null;
      return {
        kind,
        id: row.id,
        title: row.description,
        detail: row.customer_name ?? '',
        code: row.reference,
        type: row.type,
        amount: row.amount,
        currency: row.currency,
        at: row.created_at,
        customerId: row.customer_id,
        walletId: row.wallet_id,
        relatedId: row.related_id,
        ...(row.wording ? { wording: JSON.parse(row.wording) as SearchHit['wording'] } : {}),
      };
    }
    const refId = this.statements.refId.get(docid) as string | undefined;
    if (refId === undefined) return null;
    if (kind === 'customer') {
      const row = this.statements.customer.get(refId) as
        { name: string; email: string; external_ref: string | null } | undefined;
      if (!row) return null;
      const none = { type: null, amount: null, currency: null, at: null, walletId: null };
      const code = row.external_ref;
      return { kind, id: refId, title: row.name, detail: row.email, code, customerId: refId, ...none };
    }
    if (!isRecordKind(kind)) return null;
    const row = this.record(kind, refId);
    if (!row) return null;
    if (kind === 'payment') {
      const p = readPayment(row.data);
      return {
        kind,
        id: p.id,
        title: p.providerReference ?? p.id,
        detail: row.customerName,
        code: paymentCode(p),
        type: `${p.provider}:${heldStatus(p) ?? p.status}`,
        amount: p.amount,
        currency: p.currency,
        at: p.createdAt,
        customerId: p.customerId,
        walletId: p.walletId,
      };
    }
    if (kind === 'invoice') {
      const i = JSON.parse(row.data) as Invoice;
      return {
        kind,
        id: i.id,
        title: i.number ?? 'Draft invoice',
        detail: row.customerName,
        code: i.number,
        type: this.paying(i) ?? i.status,
        amount: i.total,
        currency: i.currency,
        at: i.issuedAt ?? i.createdAt,
        customerId: i.customerId,
        walletId: null,
      };
    }
    if (kind === 'ticket') {
      const t = JSON.parse(row.data) as Ticket;
      return {
        kind,
        id: t.id,
        title: t.subject,
        detail: row.customerName,
        code: t.about?.id ?? null,
        type: t.status,
        amount: null,
        currency: null,
        at: t.updatedAt,
        customerId: t.customerId,
        walletId: null,
      };
    }
    const o = JSON.parse(row.data) as Order;
    return {
      kind,
      id: o.id,
      title: `${o.productName} × ${o.quantity}`,
      detail: row.customerName,
      code: o.number,
      type: o.status,
      amount: o.total,
      currency: o.currency,
      at: o.createdAt,
      customerId: o.customerId,
      walletId: o.walletId,
    };
  }
}

type RecordKind = 'payment' | 'invoice' | 'order' | 'ticket';
const isRecordKind = (kind: SearchKind): kind is RecordKind => kind !== 'customer' && kind !== 'transaction';

/** A cached record by id, with its customer's name (the search result's second line). */
function recordWithCustomer(
  db: BetterSqlite3.Database,
  table: 'payments' | 'invoices' | 'orders' | 'tickets',
) {
  return db.prepare(
    `select r.data, c.name as customer_name from ${table} r left join customers c on c.id = r.customer_id where r.id = ?`,
  );
}

function transactionDoc(row: TransactionDoc): Doc {
  return {
    words: foldForSearch(`${row.description} ${row.type.replace(/_/g, ' ')}`),
    codes: foldForSearch(join([row.reference, row.related_id])),
  };
}

/** What a payer or staff quote of a payment: its crypto address, its VietQR memo, or the provider's reference. */
function paymentCode(p: Payment): string | null {
  if (p.checkout?.kind === 'crypto_qr') return p.checkout.address;
  if (p.checkout?.kind === 'bank_qr') return p.checkout.memo;
  return p.providerReference;
}

/** Identifiers apart, so that no piece is found across two of them. */
function join(values: Array<string | null | undefined>): string {
  return values.filter((v): v is string => typeof v === 'string' && v !== '').join(' | ');
}

/**
 * A held payment's status for its hit, not the open status it still has: paid and waiting for staff,
 * or, a saved method's charge held unanswered, not confirmed.
 */
function heldStatus(p: Payment): string | null {
  if (!p.heldForReview) return null;
  return heldUnanswered(p) ? HELD_UNANSWERED : HELD_FOR_REVIEW;
}

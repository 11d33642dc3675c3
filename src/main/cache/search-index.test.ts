import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EntityChange } from '../../shared/api/sync.js';
import type { WalletTransaction } from '../../shared/api/wallets.js';
import type { SearchKind } from '../../shared/ipc-contract.js';
import { testInvoice, testOrder } from '../../shared/testing/records.js';
import { memoryCache, testCustomer, testPayment, TEST_NOW } from '../testing/handler-world.js';
import { feedPage } from '../sync/feed-page.js';
import { CacheStore } from './cache-store.js';
import { cacheMigrations } from './cache-migrations.js';
import { openLocalDatabase } from './open-database.js';
import { FirstScreen } from '../session/first-screen.js';
import { SEARCH_CHUNK } from './search-index.js';
import { SearchIndexer } from './search-indexer.js';

let cache: CacheStore;
let seq = 0;

function apply(...changes: Array<Omit<EntityChange, 'seq'>>) {
  const numbered = changes.map((c) => ({ ...c, seq: ++seq }) as EntityChange);
  cache.applyPage(feedPage(numbered, seq));
}

function ledgerRow(id: string, patch: Partial<WalletTransaction> = {}): Omit<EntityChange, 'seq'> {
  const data: WalletTransaction = {
    id,
    walletId: 'wal_1',
    customerId: 'cus_1',
    type: 'payment',
    amount: -500,
    balanceAfter: 500,
    currency: 'USD',
    status: 'completed',
    description: 'Proxy order',
    reference: null,
    relatedId: null,
    test: false,
    createdAt: TEST_NOW,
    ...patch,
  };
  return { entity: 'transaction', id, op: 'create', data } as Omit<EntityChange, 'seq'>;
}

function indexAll() {
  while (cache.search.indexSome() > 0);
}

/** The ids found for `query`, per kind. */
function found(query: string, limit = 6): Partial<Record<SearchKind, string[]>> {
  return Object.fromEntries(
    cache.search.search(query, limit).map((group) => [group.kind, group.items.map((hit) => hit.id)]),
  );
}

beforeEach(() => {
  cache = memoryCache().cache;
  seq = 0;
});

describe('the local search index', () => {
  it('finds customers by a word prefix with accents and đ folded, and by any piece of their email', () => {
    apply(
      { entity: 'customer', id: 'cus_1', op: 'create', data: testCustomer({ name: 'Nguyễn Văn Đức' }) },
      {
        entity: 'customer',
        id: 'cus_2',
        op: 'create',
        data: testCustomer({ id: 'cus_2', name: 'Trần Thị Hương', email: 'huong@shop.vn' }),
      },
    );
    indexAll();
    expect(found('nguyen')).toEqual({ customer: ['cus_1'] });
    expect(found('duc')).toEqual({ customer: ['cus_1'] });
    expect(found('Đức')).toEqual({ customer: ['cus_1'] });
    expect(found('ngu va')).toEqual({ customer: ['cus_1'] });
    expect(found('huong')).toEqual({ customer: ['cus_2'] });
    expect(found('shop.v')).toEqual({ customer: ['cus_2'] });
    expect(found('nobody')).toEqual({});
  });

  it('finds a payment by a piece of its crypto address, its VietQR memo, its provider reference or a bank reference', () => {
    apply(
      { entity: 'customer', id: 'cus_1', op: 'create', data: testCustomer() },
      {
        entity: 'payment',
        id: 'pay_1',
        op: 'create',
        data: testPayment({
          provider: 'crypto',
          checkout: {
            kind: 'crypto_qr',
            qrPayload: 'ethereum:0xAb12c34Ef56',
            asset: 'USDT',
            network: 'ethereum',
            address: '0xAb12c34Ef56',
            amount: '25',
            requiredConfirmations: 12,
            expiresAt: TEST_NOW,
          },
        }),
      },
      {
        entity: 'payment',
        id: 'pay_2',
        op: 'create',
        data: testPayment({
          id: 'pay_2',
          provider: 'vietqr',
          currency: 'VND',
          checkout: {
            kind: 'bank_qr',
            qrPayload: '000201…',
            bankBin: '970436',
            accountNumber: '0011001234567',
            accountName: 'DEMO',
            amount: 250_000,
            currency: 'VND',
            memo: 'RCX7K2P9',
            expiresAt: TEST_NOW,
          },
        }),
      },
      {
        entity: 'payment',
        id: 'pay_3',
        op: 'create',
        // Paid at Stripe, its wallet refused it: held for a review.
        data: testPayment({
          id: 'pay_3',
          provider: 'stripe',
          providerReference: 'cs_test_a1B2c3',
          heldForReview: true,
        }),
      },
      {
        entity: 'payment',
        id: 'pay_4',
        op: 'create',
        data: testPayment({ id: 'pay_4', provider: 'crypto', chainTxids: ['9f2c4e1ab07d55e3c8a1'] }),
      },
      {
        entity: 'payment',
        id: 'pay_5',
        op: 'create',
        data: testPayment({ id: 'pay_5', provider: 'vietqr', bankReferences: ['FT26335098765'] }),
      },
    );
    indexAll();
    expect(found('4e1ab07d')).toEqual({ payment: ['pay_4'] });
    expect(found('c34ef')).toEqual({ payment: ['pay_1'] });
    expect(found('x7k2')).toEqual({ payment: ['pay_2'] });
    expect(found('cs_test_a1')).toEqual({ payment: ['pay_3'] });
    expect(found('ft2633509')).toEqual({ payment: ['pay_5'] });
    const [group] = cache.search.search('cs_test_a1', 6);
    expect(group!.items[0]).toMatchObject({
      title: 'cs_test_a1B2c3',
      detail: 'Acme',
      walletId: 'wal_1',
      type: 'stripe:held_for_review',
    });
  });

  it("names a saved method's charge held unanswered apart from a payment held with its money", () => {
    apply(
      { entity: 'customer', id: 'cus_1', op: 'create', data: testCustomer({ name: 'Acme' }) },
      {
        entity: 'payment',
        id: 'pay_1',
        op: 'create',
        // Its answer lost and PayPal may have forgotten its request id: held for staff to look up.
        data: testPayment({
          id: 'pay_1',
          provider: 'paypal',
          providerReference: 'PAYID-7QK2',
          savedMethodId: 'spm_1',
          checkout: null,
          heldForReview: true,
        }),
      },
    );
    indexAll();
    const [group] = cache.search.search('PAYID-7QK2', 6);
    expect(group!.items[0]).toMatchObject({ type: 'paypal:held_unanswered' });
  });

  it('finds an invoice by a piece of its number or a word of its lines, and an order by number or product', () => {
    apply(
      { entity: 'customer', id: 'cus_1', op: 'create', data: testCustomer({ name: 'Phạm Minh' }) },
      { entity: 'invoice', id: 'inv_1', op: 'create', data: testInvoice() },
      {
        entity: 'invoice',
        id: 'inv_2',
        op: 'create',
        data: testInvoice({ id: 'inv_2', number: null, status: 'draft' }),
      },
      { entity: 'order', id: 'ord_1', op: 'create', data: testOrder() },
    );
    indexAll();
    expect(found('2026-00004')).toEqual({ invoice: ['inv_1'] });
    expect(found('may chu')).toEqual({ invoice: ['inv_2', 'inv_1'] });
    expect(found('ORD-77')).toEqual({ order: ['ord_1'] });
    expect(found('residential')).toEqual({ order: ['ord_1'] });
    const [invoices] = cache.search.search('INV-2026', 6);
    expect(invoices!.items[0]).toMatchObject({
      kind: 'invoice',
      title: 'INV-2026-000042',
      detail: 'Phạm Minh',
      type: 'open',
      amount: 120_000,
      currency: 'VND',
    });

    // A voided invoice is found with its new status; a draft's number, once finalized, too.
    apply({
      entity: 'invoice',
      id: 'inv_2',
      op: 'update',
      data: testInvoice({ id: 'inv_2', number: 'INV-2026-000043', updatedAt: '2030-01-02T00:00:00.000Z' }),
    });
    indexAll();
    expect(found('000043')).toEqual({ invoice: ['inv_2'] });
  });

  it('an open invoice whose payment is held for staff is found as its payment arrived and waits for staff', () => {
    apply(
      { entity: 'customer', id: 'cus_1', op: 'create', data: testCustomer({ name: 'Phạm Minh' }) },
      { entity: 'invoice', id: 'inv_1', op: 'create', data: testInvoice({ pendingPaymentId: 'pay_1' }) },
      {
        entity: 'payment',
        id: 'pay_1',
        op: 'create',
        data: testPayment({ id: 'pay_1', invoiceId: 'inv_1' }),
      },
    );
    indexAll();
    const typeOf = () => cache.search.search('INV-2026', 6)[0]!.items[0]!.type;
    expect(typeOf()).toBe('open');
    // Paid at its provider, its wallet refused the money: held for a review.
    apply({
      entity: 'payment',
      id: 'pay_1',
      op: 'update',
      data: testPayment({ id: 'pay_1', invoiceId: 'inv_1', heldForReview: true }),
    });
    expect(typeOf()).toBe('payment_held');
  });

  it('an invoice whose saved card is being charged, or whose payment awaits confirmation, is found as Processing', () => {
    apply(
      { entity: 'customer', id: 'cus_1', op: 'create', data: testCustomer({ name: 'Phạm Minh' }) },
      {
        entity: 'invoice',
        id: 'inv_1',
        op: 'create',
        data: testInvoice({ status: 'partially_paid', pendingPaymentId: 'pay_1' }),
      },
      {
        entity: 'payment',
        id: 'pay_1',
        op: 'create',
        // Auto-pay's off-session charge of the saved card for the rest, not answered yet.
        data: testPayment({ id: 'pay_1', invoiceId: 'inv_1', savedMethodId: 'spm_1' }),
      },
    );
    indexAll();
    const typeOf = () => cache.search.search('INV-2026', 6)[0]!.items[0]!.type;
    expect(typeOf()).toBe('processing');
    // The card was declined: what is left is due again.
    apply({
      entity: 'payment',
      id: 'pay_1',
      op: 'update',
      data: testPayment({ id: 'pay_1', invoiceId: 'inv_1', savedMethodId: 'spm_1', status: 'failed' }),
    });
    expect(typeOf()).toBe('partially_paid');
    // A checkout whose coins await their confirmations reads the same.
    apply({
      entity: 'payment',
      id: 'pay_1',
      op: 'update',
      data: testPayment({ id: 'pay_1', invoiceId: 'inv_1', status: 'processing' }),
    });
    expect(typeOf()).toBe('processing');
  });

  it('finds a support ticket by a word of its subject or thread, and by the payment it is about', () => {
    apply(
      { entity: 'customer', id: 'cus_1', op: 'create', data: testCustomer({ name: 'Lê Thu' }) },
      {
        entity: 'ticket',
        id: 'tkt_1',
        op: 'create',
        data: {
          id: 'tkt_1',
          customerId: 'cus_1',
          subject: 'Tiền chưa vào ví',
          status: 'open',
          about: { kind: 'payment', id: 'pay_77' },
          assigneeUserId: null,
          openedBy: 'Lê Thu',
          messages: [
            {
              id: 'msg_1',
              authorSide: 'customer',
              authorName: 'Lê Thu',
              body: 'Sent 0.002 BTC an hour ago',
              createdAt: TEST_NOW,
            },
          ],
          createdAt: TEST_NOW,
          updatedAt: TEST_NOW,
        },
      },
    );
    indexAll();
    expect(found('tien chua')).toEqual({ ticket: ['tkt_1'] });
    expect(found('hour ago')).toEqual({ ticket: ['tkt_1'] });
    expect(found('pay_77')).toEqual({ ticket: ['tkt_1'] });
  });

  it('finds ledger rows by description or reference, newest first, and each kind keeps its own limit', () => {
    apply({ entity: 'customer', id: 'cus_1', op: 'create', data: testCustomer({ name: 'Proxy Shop' }) });
    const rows = Array.from({ length: 30 }, (_, i) =>
      ledgerRow(`txn_${i + 1}`, { reference: `ORD-2026-${String(i + 1).padStart(4, '0')}` }),
    );
    apply(...rows);
    indexAll();
    const hits = found('proxy', 5);
    // The one customer is not crowded out by thirty newer-looking ledger rows.
    expect(hits.customer).toEqual(['cus_1']);
    expect(hits.transaction).toEqual(['txn_30', 'txn_29', 'txn_28', 'txn_27', 'txn_26']);
    expect(found('2026-0007')).toEqual({ transaction: ['txn_7'] });
  });

  it('follows the feed: a changed payment is found by its new reference only, a cleared cache by nothing', () => {
    apply({
      entity: 'payment',
      id: 'pay_1',
      op: 'create',
      data: testPayment({ providerReference: 'old_ref_1' }),
    });
    indexAll();
    expect(found('old_ref')).toEqual({ payment: ['pay_1'] });
    apply({
      entity: 'payment',
      id: 'pay_1',
      op: 'update',
      data: testPayment({ providerReference: 'new_ref_2', updatedAt: '2030-01-02T00:00:00.000Z' }),
    });
    expect(cache.search.backlog()).toBe(1);
    indexAll();
    expect(found('old_ref')).toEqual({});
    expect(found('new_ref')).toEqual({ payment: ['pay_1'] });

    cache.clear();
    expect(cache.search.backlog()).toBe(0);
    expect(found('new_ref')).toEqual({});
  });

  it('indexes a backlog in chunks, each a bounded transaction', () => {
    apply(...Array.from({ length: SEARCH_CHUNK + 10 }, (_, i) => ledgerRow(`txn_${i + 1}`)));
    expect(cache.search.backlog()).toBe(SEARCH_CHUNK + 10);
    expect(cache.search.indexSome()).toBe(SEARCH_CHUNK);
    expect(cache.search.indexSome()).toBe(10);
    expect(cache.search.indexSome()).toBe(0);
    expect(cache.search.backlog()).toBe(0);
  });

  it('catches up in the background once the feed is quiet, not before the first screen is shown', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'Date'] });
    try {
      const firstScreen = new FirstScreen();
      let caughtUp = 0;
      const indexer = new SearchIndexer(cache.search, {
        onCaughtUp: () => caughtUp++,
        log: () => undefined,
        quietMs: 300,
        notBefore: firstScreen.opened,
      });
      // A backlog the last run left (it quit before indexing what it had synced).
      apply(...Array.from({ length: 10 }, (_, i) => ledgerRow(`txn_${i + 1}`)));
      indexer.written();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(cache.search.backlog()).toBe(10);

      firstScreen.shown();
      await vi.runAllTimersAsync();
      expect(cache.search.backlog()).toBe(0);
      expect(caughtUp).toBe(1);
      expect(found('proxy', 20).transaction).toHaveLength(10);
      indexer.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('indexes what it could not while another connection held the cache, without waiting for another write', async () => {
    // The feed worker writes ledger rows on a connection of its own (feed-worker.ts): a pass of the
    // indexer that meets its lock must not leave the rest of the backlog unsearchable until the
    // next change arrives, which may be hours away.
    const dir = mkdtempSync(join(tmpdir(), 'search-busy-'));
    const file = join(dir, 'cache.sqlite');
    const { db } = openLocalDatabase(file, cacheMigrations, { rebuildable: true });
    const other = new BetterSqlite3(file);
    vi.useFakeTimers({ toFake: ['setTimeout', 'setImmediate', 'Date'] });
    try {
      cache = new CacheStore(db);
      apply(...Array.from({ length: 10 }, (_, i) => ledgerRow(`txn_${i + 1}`)));
      db.pragma('busy_timeout = 0');
      const logged: string[] = [];
      let caughtUp = 0;
      const indexer = new SearchIndexer(cache.search, {
        onCaughtUp: () => caughtUp++,
        log: (message) => logged.push(message),
        quietMs: 300,
      });
      other.prepare('begin immediate').run();
      indexer.written();
      await vi.advanceTimersByTimeAsync(400);
      expect(logged).toEqual(['search index: indexing failed']);
      expect(cache.search.backlog()).toBe(10);

      other.prepare('commit').run();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(cache.search.backlog()).toBe(0);
      expect(caughtUp).toBe(1);
      expect(found('proxy', 20).transaction).toHaveLength(10);
      indexer.stop();
    } finally {
      vi.useRealTimers();
      other.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads what the user types as words, never as FTS5 syntax', () => {
    apply({ entity: 'customer', id: 'cus_1', op: 'create', data: testCustomer({ name: 'Acme "Ltd" OR' }) });
    indexAll();
    for (const query of ['"', 'acme OR', 'NEAR(', '*', 'a"b', '-acme', '^ac']) {
      expect(() => cache.search.search(query, 6)).not.toThrow();
    }
    expect(found('acme OR')).toEqual({ customer: ['cus_1'] });
  });
});

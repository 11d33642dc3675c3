import { entityChangeSchema, syncEntities, type EntityChange } from '../../shared/api/sync.js';
import type { WalletTransaction } from '../../shared/api/wallets.js';

/**
 * A ledger row as the cache inserts it, in the insert's column order (seq first). Pages travel from
 * the feed worker to the main thread in this shape: an array of primitives is copied between threads
 * about four times faster than the same row as an object with named keys, and ledger rows are
 * nearly all of an initial sync.
 */
export type TransactionTuple = [
  seq: number,
  id: string,
  walletId: string,
  customerId: string,
  type: string,
  amount: number,
  balanceAfter: number,
  currency: string,
  status: string,
  description: string,
  reference: string | null,
  relatedId: string | null,
  /** 1: a test-mode movement (sandbox top-up), no real money. */
  test: 0 | 1,
  createdAt: string,
  /** JSON of the row's wording (ledger-wording.ts), or null. */
  wording: string | null,
];

/** One page of the change feed, every change checked against its entity's schema. */
export interface FeedPage {
  /** Customers, wallets, holds, payments and payment reviews, in feed order. */
  entities: EntityChange[];
  /** Ledger rows, in feed order. They never change once written, so they need no interleaving with the rest. */
  transactions: TransactionTuple[];
  nextCursor: number;
  hasMore: boolean;
  /**
   * Ledger rows of this page that the feed worker already wrote into the cache (feed-worker.ts); they
   * are not in `transactions`. Counted in its size all the same.
   */
  ledgerRowsWritten?: number;
}

export const pageSize = (page: FeedPage) =>
  page.entities.length + page.transactions.length + (page.ledgerRowsWritten ?? 0);

/**
 * A page cut into steps of at most `size` changes, in feed order, each with the cursor of its own
 * last change (the last step: the page's). Applied one after the other, each step with its cursor,
 * they leave the cache as the whole page does; stopped between two, the cache's cursor says where
 * to go on from. An empty page is one empty step: its cursor still moves.
 */
export function pageSteps(page: FeedPage, size: number): FeedPage[] {
  const { entities, transactions } = page;
  if (entities.length + transactions.length <= size) return [page];
  const steps: FeedPage[] = [];
  let e = 0;
  let t = 0;
  while (e < entities.length || t < transactions.length) {
    const e0 = e;
    const t0 = t;
    let last = 0;
    for (let n = 0; n < size && (e < entities.length || t < transactions.length); n++) {
      const entitySeq = entities[e]?.seq ?? Infinity;
      const transactionSeq = transactions[t]?.[0] ?? Infinity;
      if (entitySeq < transactionSeq) {
        last = entitySeq;
        e++;
      } else {
        last = transactionSeq;
        t++;
      }
    }
    const done = e === entities.length && t === transactions.length;
    steps.push({
      entities: entities.slice(e0, e),
      transactions: transactions.slice(t0, t),
      nextCursor: done ? page.nextCursor : last,
      hasMore: done ? page.hasMore : true,
      ...(done && page.ledgerRowsWritten ? { ledgerRowsWritten: page.ledgerRowsWritten } : {}),
    });
  }
  return steps;
}

/**
 * Checks each change of a page as the API sent it and sorts it into the page's two parts, keeping
 * of each wallet only its newest change.
 */
export function toFeedPage(raw: {
  changes: readonly unknown[];
  nextCursor: number;
  hasMore: boolean;
}): FeedPage {
  const known = raw.changes.filter(isKnownEntity).map(validateChange);
  return feedPage(newestOfEachWallet(known), raw.nextCursor, raw.hasMore);
}

const KNOWN_ENTITIES: ReadonlySet<unknown> = new Set(syncEntities);

/**
 * A change of a kind this release knows. A hosted API upgraded before the console records kinds it
 * has never heard of: there is nothing to cache them as, and a sync that stopped at the first one
 * would never catch up again. They are passed over (the page's cursor still moves past them); a
 * change of a known kind that does not fit its schema is still refused (validateChange).
 */
function isKnownEntity(change: unknown): boolean {
  return KNOWN_ENTITIES.has((change as { entity?: unknown } | null)?.entity);
}

/**
 * A page's changes without those a later change of the same wallet in the page supersedes. A wallet
 * change carries the whole wallet and the cache keeps only the newest; the feed has one per
 * movement, half of what an initial sync would otherwise write. Applied a step at a time, a wallet
 * may lag its step's cursor until the page's step that holds its newest change (moments later; a
 * pull stopped in between starts again from that cursor, and its page holds the change again).
 */
function newestOfEachWallet(changes: EntityChange[]): EntityChange[] {
  const seen = new Set<string>();
  const kept: EntityChange[] = [];
  for (let i = changes.length - 1; i >= 0; i--) {
    const change = changes[i]!;
    if (change.entity === 'wallet') {
      if (seen.has(change.id)) continue;
      seen.add(change.id);
    }
    kept.push(change);
  }
  return kept.reverse();
}

/** A page from changes already checked (tests, and changes the API answered directly). */
export function feedPage(changes: readonly EntityChange[], nextCursor: number, hasMore = false): FeedPage {
  const page: FeedPage = { entities: [], transactions: [], nextCursor, hasMore };
  for (const change of changes) {
    if (change.entity !== 'transaction') {
      page.entities.push(change);
      continue;
    }
    page.transactions.push(transactionTuple(change.seq, change.data));
  }
  return page;
}

/** A ledger row at feed position `seq`, in the cache's column order. */
export function transactionTuple(seq: number, t: WalletTransaction): TransactionTuple {
  return [
    seq,
    t.id,
    t.walletId,
    t.customerId,
    t.type,
    t.amount,
    t.balanceAfter,
    t.currency,
    t.status,
    t.description,
    t.reference,
    t.relatedId,
    t.test ? 1 : 0,
    t.createdAt,
    t.wording ? JSON.stringify(t.wording) : null,
  ];
}

/** Every change is checked against its entity's schema before it reaches the cache. */
function validateChange(change: unknown): EntityChange {
  const parsed = entityChangeSchema.safeParse(change);
  if (!parsed.success) {
    const { entity, id } = (change ?? {}) as { entity?: unknown; id?: unknown };
    throw new Error(
      `the server sent an invalid ${String(entity ?? 'change')} (${String(id ?? '')}): ${parsed.error.issues[0]?.message ?? ''}`,
    );
  }
  return parsed.data;
}

import { selectRows, type Store } from '../db/database.js';
import { Failure } from '../services/failure.js';
import { foldedThrough } from '../services/retention/compact-feed.js';
import type { Scope } from '../services/scope.js';

/** A page of the caller's change feed after `cursor`, each change already JSON text. */
export interface FeedPage {
  /** `{"seq":…,"entity":…,"id":…,"op":…,"data":…}` per change, in order. */
  changes: string[];
  nextCursor: number;
  hasMore: boolean;
}

/**
 * The changes the caller may see after `cursor`, at most `limit`; `cursor_expired` if the feed was
 * compacted past it (the caller syncs again from 0).
 */
export async function readChanges(
  store: Store,
  scope: Scope,
  input: { cursor: number; limit: number; compact?: 'true' | 'false' | undefined },
): Promise<FeedPage> {
  const { cursor, limit } = input;
  let q = store.db
    .selectFrom('changes')
    .select(['seq', 'entity', 'entity_id', 'op', 'data'])
    .where('reseller_id', '=', scope.resellerId)
    .where('seq', '>', cursor);
  if (scope.customerId) q = q.where('customer_id', '=', scope.customerId);
  const rows = (await selectRows(store.db, q.orderBy('seq').limit(limit + 1))) as ChangeRow[];
  // Read after the page: a compaction that deleted entries this read missed has committed its
  // folded_through with them, so this sees it (see services/retention/compact-feed.ts).
  if (cursor > 0 && cursor < (await foldedThrough(store.db, scope))) {
    throw new Failure(
      'cursor_expired',
      'the change feed was compacted past this cursor: sync again from cursor 0 (queued writes are kept)',
      'cursor',
    );
  }
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const nextCursor = page.length > 0 ? Number(page[page.length - 1]![SEQ]) : cursor;
  const kept = input.compact === 'true' ? withoutSupersededWallets(page) : page;
  return { changes: kept.map(changeJson), nextCursor, hasMore };
}

/** A row of the feed's select, as an array (selectRows): seq, entity, entity_id, op, data. */
type ChangeRow = [seq: number | string, entity: string, entityId: string, op: string, data: string];
const SEQ = 0;
const ENTITY = 1;
const ENTITY_ID = 2;

/** Entity and op names, quoted once: a page repeats the same few thousands of times. */
const quoted = new Map<string, string>();
const quote = (name: string) => {
  let text = quoted.get(name);
  if (text === undefined) quoted.set(name, (text = JSON.stringify(name)));
  return text;
};

/**
 * One change as JSON text around `data` as it is stored: the JSON the writer serialised from the
 * entity's wire shape (recordChanges). Parsing and re-serialising it, and checking 5,000-change
 * pages against changesResponse, cost the feed more than reading it did; changesResponse still
 * describes the route in the OpenAPI document. Put together here rather than in SQL, so that the
 * entries a compacted page leaves out cost nothing more than being read.
 */
function changeJson([seq, entity, entityId, op, data]: ChangeRow) {
  return `{"seq":${Number(seq)},"entity":${quote(entity)},"id":${JSON.stringify(entityId)},"op":${quote(op)},"data":${data}}`;
}

/**
 * The page without the wallet states that a later entry of the same page supersedes. A live server
 * records a wallet's new state with every movement, so an initial sync's pages are half wallet
 * states of which only each wallet's last matters. Ledger rows and every other entity are kept:
 * only a wallet's entry is its whole state with nothing else riding on it (a payment's passage
 * through a final status, say, is news the desktop reports). The page's last entry is always kept,
 * so the desktop's cursor still lands on an entry it applied.
 */
function withoutSupersededWallets(rows: ChangeRow[]): ChangeRow[] {
  const later = new Set<string>();
  const kept: ChangeRow[] = [];
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (row[ENTITY] === 'wallet') {
      if (later.has(row[ENTITY_ID])) continue;
      later.add(row[ENTITY_ID]);
    }
    kept.push(row);
  }
  return kept.reverse();
}

/** The newest position of the caller's feed (0 when empty). */
export async function newestSeq(store: Store, scope: Scope): Promise<number> {
  let q = store.db
    .selectFrom('changes')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('reseller_id', '=', scope.resellerId);
  if (scope.customerId) q = q.where('customer_id', '=', scope.customerId);
  const row = await q.executeTakeFirst();
  return Number(row?.seq ?? 0);
}

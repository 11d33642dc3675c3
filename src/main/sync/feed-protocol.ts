import { ApiError, NetworkError } from '../api/client.js';
import type { FeedPage } from './feed-page.js';

/** The messages between the sync engine's feed reader and the feed worker. */

export type FeedRequest =
  | {
      kind: 'page';
      id: number;
      baseUrl: string;
      token: string | null;
      cursor: number;
      limit: number;
      /** The worker writes the page's ledger rows into this cache itself (see LedgerTarget). */
      cache: LedgerTarget | null;
    }
  /**
   * Page `id`'s ledger rows may go into the cache now: every batch of queued writes the server may
   * have committed before it read the page is recorded (see FeedReader.page).
   */
  | { kind: 'write'; id: number }
  /** The part before arrived: send the next one of page `id`. */
  | { kind: 'more'; id: number }
  /** The sync stopped: close the cache and exit; pages under way are dropped. */
  | { kind: 'close' };

/**
 * The cache the feed worker writes ledger rows into, and the lease it writes them under
 * (CacheStore.leaseLedgerWrites). Rows must go in in feed order, each wallet's numbered after the
 * last: only the newest lease's worker writes, and a worker whose engine has stopped (another
 * account signed in, a new sign-in) finds its lease gone and hands its rows back unwritten, for the
 * stopped engine to drop.
 */
export interface LedgerTarget {
  file: string;
  lease: string;
}

/** Some of a page's changes, in feed order; the last part of a page also says where the page ends. */
export interface FeedPart {
  entities: FeedPage['entities'];
  transactions: FeedPage['transactions'];
  end: Pick<FeedPage, 'nextCursor' | 'hasMore' | 'ledgerRowsWritten'> | null;
}

export type FeedReply =
  | { id: number; ok: true; part: FeedPart }
  /** Page `id` is here and checked; its ledger rows wait for a `write` request. */
  | { id: number; ok: true; parsed: true }
  | { id: number; ok: false; error: SerializedError };

/** Errors cross threads as plain data; the engine tells them apart by class, so they are rebuilt. */
type SerializedError =
  | { kind: 'api'; status: number; code: string; message: string; field?: string | undefined }
  | { kind: 'network' | 'other'; message: string };

export function describeError(error: unknown): SerializedError {
  if (error instanceof ApiError) {
    return {
      kind: 'api',
      status: error.status,
      code: error.code,
      message: error.message,
      field: error.field,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: error instanceof NetworkError ? 'network' : 'other', message };
}

export function reviveError(error: SerializedError): Error {
  switch (error.kind) {
    case 'api':
      return new ApiError(error.status, error.code, error.message, error.field);
    case 'network':
      return new NetworkError(error.message);
    case 'other':
      return new Error(error.message);
  }
}

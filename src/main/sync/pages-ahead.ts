import type { ApiClient } from '../api/client.js';
import { toFeedPage, type FeedPage } from './feed-page.js';

/** Pages asked for ahead of the engine at most: enough for the API never to wait between two. */
const DEPTH = 2;

/**
 * The feed pages after the one the engine asked for, asked for before it asks. The engine applies
 * pages in order, each from the cursor the last one ended at: while the feed worker writes one page,
 * the API reads and sends the next ones, and each is parsed as it arrives. A page asked for from
 * anywhere else (a retry, a new pull) starts the chain again from there.
 */
export class PagesAhead {
  private readonly pages = new Map<number, Promise<FeedPage>>();
  private feed: { client: Pick<ApiClient, 'changes'>; limit: number } | null = null;
  /** How many pages were asked for, and the newest of them once it is here. */
  private asked = 0;
  private newest: FeedPage | null = null;

  /** The page at `cursor`: the one asked for ahead, or asked for now. */
  take(client: Pick<ApiClient, 'changes'>, cursor: number, limit: number): Promise<FeedPage> {
    if (this.feed?.client !== client || this.feed.limit !== limit || !this.pages.has(cursor)) {
      this.pages.clear();
      this.feed = { client, limit };
      this.ask(cursor);
    }
    const page = this.pages.get(cursor)!;
    this.pages.delete(cursor);
    this.fill();
    return page;
  }

  private ask(cursor: number): void {
    const n = ++this.asked;
    this.newest = null;
    const page = this.feed!.client.changes(cursor, this.feed!.limit).then(toFeedPage);
    // Its failure is thrown to whoever takes it; no one may (the sync stopped).
    page.catch(() => undefined);
    this.pages.set(cursor, page);
    page.then(
      (arrived) => {
        if (n !== this.asked) return;
        this.newest = arrived;
        this.fill();
      },
      () => undefined,
    );
  }

  /** Asks for the page after the newest one, if there is one and fewer than DEPTH are waiting. */
  private fill(): void {
    const newest = this.newest;
    if (newest?.hasMore && this.pages.size < DEPTH) this.ask(newest.nextCursor);
  }
}

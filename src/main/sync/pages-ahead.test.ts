import { describe, expect, it } from 'vitest';
import { PagesAhead } from './pages-ahead.js';

/** A feed of `total` positions whose pages the test answers one at a time, in the order it likes. */
function heldFeed(total: number) {
  const asked: number[] = [];
  const waiting = new Map<number, { answer(): void; fail(error: Error): void }>();
  const client = {
    changes: (cursor: number, limit: number) => {
      asked.push(cursor);
      return new Promise<{ changes: unknown[]; nextCursor: number; hasMore: boolean }>((resolve, reject) => {
        const nextCursor = Math.min(total, cursor + limit);
        waiting.set(cursor, {
          answer: () => resolve({ changes: [], nextCursor, hasMore: nextCursor < total }),
          fail: reject,
        });
      });
    },
  };
  /** Lets the page at `cursor` arrive, and whatever it sets off run. */
  const answer = async (cursor: number) => {
    waiting.get(cursor)!.answer();
    waiting.delete(cursor);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { client, asked, waiting, answer };
}

describe('feed pages asked for ahead of the engine', () => {
  it('asks for the next pages as each arrives, two ahead at most, and hands them over in order', async () => {
    const feed = heldFeed(100);
    const ahead = new PagesAhead();
    const first = ahead.take(feed.client, 0, 10);
    await feed.answer(0);
    expect(await first).toMatchObject({ nextCursor: 10, hasMore: true });
    // The next one was asked for as soon as the first arrived; the one after it once that one is here.
    expect(feed.asked).toEqual([0, 10]);
    await feed.answer(10);
    expect(feed.asked).toEqual([0, 10, 20]);
    await feed.answer(20);
    expect(feed.asked).toEqual([0, 10, 20]);

    // Taking one makes room for another; no page is asked for twice.
    expect(await ahead.take(feed.client, 10, 10)).toMatchObject({ nextCursor: 20 });
    expect(feed.asked).toEqual([0, 10, 20, 30]);
    expect(await ahead.take(feed.client, 20, 10)).toMatchObject({ nextCursor: 30 });
    await feed.answer(30);
    expect(feed.asked).toEqual([0, 10, 20, 30, 40]);
  });

  it('starts again from a cursor it did not expect, and stops at the end of the feed', async () => {
    const feed = heldFeed(25);
    const ahead = new PagesAhead();
    void ahead.take(feed.client, 0, 10);
    await feed.answer(0);
    // A pull from elsewhere (a retry after a rebuild, say): that page is asked for now.
    const restart = ahead.take(feed.client, 5, 10);
    expect(feed.asked).toEqual([0, 10, 5]);
    // The page of the abandoned chain arriving sets nothing off.
    await feed.answer(10);
    expect(feed.asked).toEqual([0, 10, 5]);
    await feed.answer(5);
    expect(await restart).toMatchObject({ nextCursor: 15, hasMore: true });
    await feed.answer(15);
    expect(await ahead.take(feed.client, 15, 10)).toMatchObject({ nextCursor: 25, hasMore: false });
    expect(feed.asked).toEqual([0, 10, 5, 15]);
  });

  it("gives a page's failure to whoever takes it, and asks for it again after", async () => {
    const feed = heldFeed(100);
    const ahead = new PagesAhead();
    void ahead.take(feed.client, 0, 10);
    await feed.answer(0);
    feed.waiting.get(10)!.fail(new Error('connection reset'));
    await expect(ahead.take(feed.client, 10, 10)).rejects.toThrow('connection reset');
    const again = ahead.take(feed.client, 10, 10);
    expect(feed.asked).toEqual([0, 10, 10]);
    await feed.answer(10);
    expect(await again).toMatchObject({ nextCursor: 20 });
  });
});

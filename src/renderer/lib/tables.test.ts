import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTableInvalidator, readsAny } from './tables';

describe('readsAny', () => {
  it('matches a query only on the tables it reads', () => {
    expect(readsAny(['wallets', 'outbox'], ['outbox'])).toBe(true);
    expect(readsAny(['transactions'], ['customers', 'wallets'])).toBe(false);
    expect(readsAny(undefined, ['wallets'])).toBe(false);
  });
});

describe('createTableInvalidator', () => {
  let client: QueryClient;
  const fetch = (key: string, tables: ('wallets' | 'transactions')[], fn: () => Promise<number>) =>
    client.fetchQuery({ queryKey: [key], queryFn: fn, meta: { tables } });

  beforeEach(() => {
    vi.useFakeTimers();
    client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, networkMode: 'always' } } });
  });
  afterEach(() => {
    client.clear();
    vi.useRealTimers();
  });

  it('invalidates only the queries over the changed tables', async () => {
    await fetch('wallets', ['wallets'], async () => 1);
    await fetch('history', ['transactions'], async () => 2);
    const invalidator = createTableInvalidator(client);
    invalidator.changed(['wallets']);
    await vi.advanceTimersByTimeAsync(0);
    expect(client.getQueryState(['wallets'])?.isInvalidated).toBe(true);
    expect(client.getQueryState(['history'])?.isInvalidated).toBe(false);
    invalidator.dispose();
  });

  it('coalesces a burst of changes into one refresh per window', async () => {
    const spy = vi.spyOn(client, 'invalidateQueries');
    const invalidator = createTableInvalidator(client, 250);
    invalidator.changed(['wallets']);
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 20; i++) invalidator.changed(['transactions']);
    await vi.advanceTimersByTimeAsync(100);
    expect(spy).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(spy).toHaveBeenCalledTimes(2);
    invalidator.dispose();
  });

  it('refreshes a query that was fetching during the change once it settles', async () => {
    let calls = 0;
    let release: (value: number) => void = () => undefined;
    const first = fetch('slow', ['transactions'], () => {
      calls++;
      return new Promise<number>((resolve) => (release = resolve));
    });
    const invalidator = createTableInvalidator(client);
    invalidator.changed(['transactions']);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    release(1);
    await first;
    expect(client.getQueryState(['slow'])?.isInvalidated).toBe(true);
    invalidator.dispose();
  });
});

import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { reportFirstScreen } from './first-screen';

/** A query's answer the test gives when it likes. */
function later<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function watch(client: QueryClient) {
  const reports: string[] = [];
  const paints: Array<() => void> = [];
  reportFirstScreen(
    client,
    () => reports.push('shown'),
    (then) => paints.push(then),
  );
  /** Paints the frame asked for last. */
  const paint = () => paints.at(-1)!();
  return { reports, paints, paint };
}

const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });

describe('reportFirstScreen', () => {
  it('reports once, after every query the first screen started has settled and that frame is painted', async () => {
    const client = newClient();
    const { reports, paints, paint } = watch(client);
    const session = later<string>();
    const wallets = later<string[]>();
    const asked = [
      client.fetchQuery({ queryKey: ['session'], queryFn: () => session.promise }),
      client.fetchQuery({ queryKey: ['wallets'], queryFn: () => wallets.promise }).catch(() => null),
    ];
    session.resolve('signed_in');
    await asked[0];
    expect(paints).toHaveLength(0); // the wallets are still on their way

    // A failed query is settled too: its error is what the screen shows.
    wallets.reject(new Error('cache unreadable'));
    await asked[1];
    expect(paints).toHaveLength(1);
    expect(reports).toEqual([]); // not before the frame is painted
    paint();
    expect(reports).toEqual(['shown']);

    // Later fetches are not the first screen.
    await client.fetchQuery({ queryKey: ['orders'], queryFn: async () => [] });
    expect(paints).toHaveLength(1);
    expect(reports).toEqual(['shown']);
  });

  it('waits for what the screen asks for as it renders the first answers', async () => {
    const client = newClient();
    const { reports, paints, paint } = watch(client);
    await client.fetchQuery({ queryKey: ['session'], queryFn: async () => 'signed_in' });
    expect(paints).toHaveLength(1);
    // Rendering the signed-in shell mounts the dashboard, which asks for the wallets.
    const wallets = later<string[]>();
    const asked = client.fetchQuery({ queryKey: ['wallets'], queryFn: () => wallets.promise });
    paint();
    expect(reports).toEqual([]);
    wallets.resolve(['USD']);
    await asked;
    expect(paints).toHaveLength(2);
    paint();
    expect(reports).toEqual(['shown']);
  });
});

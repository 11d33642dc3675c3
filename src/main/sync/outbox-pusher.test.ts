import { describe, expect, it } from 'vitest';
import type { BatchOperation } from '../../shared/api/batch.js';
import { ApiError, type ApiClient } from '../api/client.js';
import type { CacheStore } from '../cache/cache-store.js';
import type { NewIntent, OutboxStore } from '../outbox/outbox-store.js';
import { customerCreateIntent, memoryCache, memoryOutbox, testCustomer } from '../testing/handler-world.js';
import { OutboxPusher } from './outbox-pusher.js';

const ACCOUNT = 'https://api.example|rsl_1|key_1';
const NOW = '2030-01-01T00:00:00.000Z';

/** A pusher of the account's queue to `client`; `aborted` is asked once per write as a pass reaches it. */
function pusherOf(
  world: { cache: CacheStore; outbox: OutboxStore },
  client: ApiClient,
  aborted: () => boolean = () => false,
  onBatch: (touched: unknown, confirmed?: readonly string[]) => void = () => undefined,
) {
  return new OutboxPusher({
    ...world,
    account: ACCOUNT,
    client,
    aborted,
    onBatch,
    onError: () => undefined,
    onPaymentsStored: () => undefined,
  });
}

/** A queued credit of `amount` minor units of USD to `walletRef`. */
const credit = (
  amount: number,
  description: string,
  walletRef: string,
  customerRef: string | null = null,
): NewIntent => ({
  kind: 'wallet.credit',
  payload: { amount, description },
  customerRef,
  walletRef,
  currency: 'USD',
  summary: { key: 'walletCredit', values: { amount, currency: 'USD' } },
});

/** A USD wallet created offline for `customerRef`, under local id `local_wal_1`. */
const walletCreate = (customerRef: string): NewIntent => ({
  kind: 'wallet.create',
  payload: { localId: 'local_wal_1', currency: 'USD' },
  customerRef,
  walletRef: 'local_wal_1',
  currency: 'USD',
  summary: { key: 'walletCreate', values: { currency: 'USD', name: 'Lan' } },
});

describe('outbox pusher', () => {
  it('reads a long queue page by page and sends it in order, leaving out a write discarded mid-pass', async () => {
    const { outbox } = memoryOutbox();
    const { cache } = memoryCache();
    // More than two pages of the pass's reads, all made in the same millisecond.
    const ids = Array.from({ length: 250 }, (_, i) => `obx_${String(i).padStart(3, '0')}`);
    for (const [i, id] of ids.entries()) {
      outbox.enqueue(ACCOUNT, credit(i + 1, id, 'wal_1'), NOW, id);
    }
    const sent: BatchOperation[] = [];
    // Each write refused for itself: what matters here is what was sent, and in which order.
    const client = {
      batch: (operations: BatchOperation[]) => {
        sent.push(...operations);
        return Promise.resolve({
          results: operations.map(() => ({
            status: 422,
            body: { error: { code: 'validation', message: 'refused by the test' } },
          })),
        });
      },
    } as unknown as ApiClient;
    let looked = 0;
    // The user discards one on the page not yet read and one already read, as the pass reaches the 150th.
    const pusher = pusherOf({ cache, outbox }, client, () => {
      if (++looked === 150) {
        outbox.discard('obx_200');
        outbox.discard('obx_010');
      }
      return false;
    });

    await pusher.pushAll();

    const descriptions = sent.map((o) => (o.body as { description: string }).description);
    expect(descriptions).toEqual(ids.filter((id) => id !== 'obx_200' && id !== 'obx_010'));
    expect(outbox.counts(ACCOUNT)).toEqual({ pending: 0, rejected: 248 });
  });

  it('sends a write naming a customer and wallet created earlier in the same pass to their server ids, one request each', async () => {
    const { outbox } = memoryOutbox();
    const { cache } = memoryCache();
    const queue: Array<[string, NewIntent]> = [
      ['obx_1', customerCreateIntent()],
      ['obx_2', walletCreate('local_cus_1')],
      ['obx_3', credit(500, 'Welcome credit', 'local_wal_1', 'local_cus_1')],
    ];
    for (const [id, intent] of queue) outbox.enqueue(ACCOUNT, intent, NOW, id);
    const sent: string[] = [];
    // A server without the batch route: each write is sent, and answered, before the next is read.
    const client = {
      createCustomer: () => {
        sent.push('customer');
        return Promise.resolve({ id: 'cus_9' });
      },
      createWallet: (customerId: string) => {
        sent.push(`wallet of ${customerId}`);
        return Promise.resolve({ id: 'wal_9' });
      },
      credit: (walletId: string) => {
        sent.push(`credit to ${walletId}`);
        return Promise.resolve({});
      },
    } as unknown as ApiClient;
    const pusher = pusherOf({ cache, outbox }, client);

    expect(await pusher.pushAll()).toBe(true);

    expect(sent).toEqual(['customer', 'wallet of cus_9', 'credit to wal_9']);
    expect(outbox.counts(ACCOUNT)).toEqual({ pending: 0, rejected: 0 });
  });

  it('says when a batch the server may have committed is recorded: the new customer is then mapped and no longer queued', async () => {
    const { outbox } = memoryOutbox();
    const { cache } = memoryCache();
    outbox.enqueue(ACCOUNT, customerCreateIntent(), NOW, 'obx_1');
    let answer!: () => void;
    let sent!: () => void;
    const batchSent = new Promise<void>((resolve) => (sent = resolve));
    const client = {
      batch: () => {
        sent();
        // The server has committed the customer; its answer is still on its way.
        return new Promise((resolve) => {
          answer = () =>
            resolve({ results: [{ status: 201, body: testCustomer({ id: 'cus_9', name: 'Lan' }) }] });
        });
      },
    } as unknown as ApiClient;
    const pusher = pusherOf({ cache, outbox }, client);
    await pusher.recorded(); // nothing sent: nothing to wait for

    const pass = pusher.pushAll();
    await batchSent;
    let recorded = false;
    const waited = pusher.recorded().then(() => (recorded = true));
    await Promise.resolve();
    expect(recorded).toBe(false);
    expect(outbox.get('obx_1')).not.toBeNull();

    answer();
    await waited;
    expect(outbox.resolve('local_cus_1')).toBe('cus_9');
    expect(outbox.get('obx_1')).toBeNull();
    expect(await pass).toBe(true);
  });

  it('reads on while a batch is on its way, sends the next only once it was answered, and a write naming a wallet it created to its server id', async () => {
    const { outbox } = memoryOutbox();
    const { cache } = memoryCache();
    const intent = (n: number): NewIntent =>
      n === 3000 ? walletCreate('cus_1') : credit(n, `#${n}`, n === 3001 ? 'local_wal_1' : 'wal_1', 'cus_1');
    // Four batches: 1,000 credits, 1,000 more, 999 more and a wallet's creation, then a credit to
    // that wallet (read while its creation is on its way) and 100 more.
    for (let n = 1; n <= 3101; n++)
      outbox.enqueue(ACCOUNT, intent(n), NOW, `obx_${String(n).padStart(4, '0')}`);
    const batches: BatchOperation[][] = [];
    const sendingAsSent: number[] = [];
    let onItsWay = 0;
    let mostOnTheirWay = 0;
    let answerFirst!: () => void;
    const firstAnswered = new Promise<void>((resolve) => (answerFirst = resolve));
    const client = {
      batch: async (operations: BatchOperation[]) => {
        mostOnTheirWay = Math.max(mostOnTheirWay, ++onItsWay);
        batches.push(operations);
        sendingAsSent.push(outbox.list(ACCOUNT).filter((i) => i.state === 'sending').length);
        await (batches.length === 1 ? firstAnswered : new Promise((resolve) => setTimeout(resolve, 50)));
        onItsWay--;
        return {
          results: operations.map((o) =>
            o.path === '/v1/customers/cus_1/wallets'
              ? {
                  status: 201,
                  body: {
                    id: 'wal_9',
                    customerId: 'cus_1',
                    currency: 'USD',
                    status: 'active',
                    balance: 0,
                    pendingCharges: 0,
                    availableBalance: 0,
                    createdAt: NOW,
                    updatedAt: NOW,
                  },
                }
              : { status: 422, body: { error: { code: 'validation', message: 'refused by the test' } } },
          ),
        };
      },
    } as unknown as ApiClient;
    let looked = 0;
    const confirmed: string[][] = [];
    // The first batch is answered only once the pass has read all of the second.
    const pusher = pusherOf(
      { cache, outbox },
      client,
      () => {
        if (++looked === 2000) answerFirst();
        return false;
      },
      (_, ids = []) => confirmed.push([...ids]),
    );

    await pusher.pushAll();

    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 1000, 101]);
    expect(mostOnTheirWay).toBe(1);
    // As each batch left, the one before had been answered: only its answers may still have been on
    // their way into the outbox, never an older batch's.
    sendingAsSent.forEach((sending, i) => {
      expect(sending).toBeGreaterThanOrEqual(batches[i]!.length);
      expect(sending).toBeLessThanOrEqual(batches[i]!.length + (batches[i - 1]?.length ?? 0));
    });
    // The creation of wal_9 was recorded before the credit naming it left (it waited for that).
    expect(sendingAsSent[3]).toBe(101);
    const descriptions = batches.flat().map((o) => (o.body as { description?: string }).description);
    expect(descriptions).toEqual(
      Array.from({ length: 3101 }, (_, i) => (i + 1 === 3000 ? undefined : `#${i + 1}`)),
    );
    expect(batches[3]![0]).toMatchObject({
      path: '/v1/wallets/wal_9/credits',
      body: { description: '#3001' },
    });
    expect(outbox.counts(ACCOUNT)).toEqual({ pending: 0, rejected: 3100 });
    // Each batch's answers told the console which writes the server confirmed: the wallet only.
    expect(confirmed).toEqual([[], [], ['obx_3000'], []]);
  });

  it('says to sign in again only once the refused writes are back to pending', async () => {
    const { outbox } = memoryOutbox();
    const { cache } = memoryCache();
    outbox.enqueue(ACCOUNT, credit(2500, 'Top-up at the desk', 'wal_1'), NOW, 'obx_1');
    // The server no longer accepts the console's key.
    const client = {
      batch: () => Promise.reject(new ApiError(401, 'unauthorized', 'the API key was revoked')),
    } as unknown as ApiClient;
    const heard: Array<{ message: string | null; states: string[] }> = [];
    const pusher = new OutboxPusher({
      cache,
      outbox,
      account: ACCOUNT,
      client,
      aborted: () => false,
      onBatch: () => undefined,
      // What a window reading the outbox as it hears the message would find.
      onError: (message) => heard.push({ message, states: outbox.list(ACCOUNT).map((i) => i.state) }),
      onPaymentsStored: () => undefined,
    });

    await pusher.pushAll();

    expect(heard).toEqual([{ message: expect.stringMatching(/sign in again/), states: ['pending'] }]);
    expect(outbox.counts(ACCOUNT)).toEqual({ pending: 1, rejected: 0 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchOperation } from '../../../src/shared/api/batch.js';
import { ApiError, createApiClient, NetworkError, type ApiClient } from '../../../src/main/api/client.js';
import { call, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { drain, offlineConsole, REPLAY_ACCOUNT, type Console } from '../../support/replay.js';
import { ok } from '../../support/tenants.js';

/** A queued creation of a `currency` wallet for `customerId` with 50.00 of initial balance. */
function queueWallet(c: Console, customerId: string, currency: 'EUR' | 'GBP') {
  return c.outbox.enqueue(
    REPLAY_ACCOUNT,
    {
      kind: 'wallet.create',
      payload: { localId: `local_wal_${currency}`, currency, initialBalance: 5_000 },
      customerRef: customerId,
      walletRef: `local_wal_${currency}`,
      currency,
      summary: { key: 'walletCreate', values: { currency, name: 'Lan' } },
    },
    new Date().toISOString(),
    `obx_${currency}`,
  );
}

describe.each(DIALECTS)('a queued wallet with an initial balance, sent on %s', (dialect) => {
  let api: TestApi;
  let admin: string;
  let customerId: string;

  beforeAll(async () => {
    api = await startApi(dialect, { listen: true });
    ({ admin, customerId } = await seedReseller(api.app));
  });
  afterAll(() => api.close());

  const walletIn = async (currency: string) => {
    const { items } = await ok(call(api.app, 'GET', `/v1/customers/${customerId}/wallets`, { token: admin }));
    return (items as Array<{ id: string; currency: string; balance: number }>).find(
      (w) => w.currency === currency,
    )!;
  };
  const rows = async (walletId: string) => {
    const { items } = await ok(
      call(api.app, 'GET', `/v1/wallets/${walletId}/transactions`, { token: admin }),
    );
    return (items as Array<{ type: string; amount: number; description: string }>).map((t) => [
      t.type,
      t.amount,
      t.description,
    ]);
  };

  it('carries it under its own key: the answer lost and the batch sent again, it is credited once', async () => {
    const c = offlineConsole(api.baseUrl, admin);
    const queued = queueWallet(c, customerId, 'EUR');
    const real = createApiClient(api.baseUrl, admin);
    const sent: BatchOperation[] = [];
    let batches = 0;
    const losing: ApiClient = {
      ...real,
      batch: async (operations) => {
        sent.push(...operations);
        const answer = await real.batch(operations);
        if (++batches === 1) throw new NetworkError('the answer never came back');
        return answer;
      },
    };
    await drain(c, c.pusher(losing));

    expect(sent).toHaveLength(2);
    for (const operation of sent) {
      expect(operation).toEqual({
        path: `/v1/customers/${customerId}/wallets`,
        idempotencyKey: queued.idempotencyKey,
        body: { currency: 'EUR', initialBalance: 5_000 },
      });
    }
    expect(c.outbox.counts(REPLAY_ACCOUNT)).toEqual({ pending: 0, rejected: 0 });
    const wallet = await walletIn('EUR');
    expect(wallet.balance).toBe(5_000);
    expect(await rows(wallet.id)).toEqual([['credit', 5_000, 'Initial balance']]);
  });

  it('alone too (a server without the batch route): with its key, credited once', async () => {
    const c = offlineConsole(api.baseUrl, admin);
    const queued = queueWallet(c, customerId, 'GBP');
    const real = createApiClient(api.baseUrl, admin);
    const keys: string[] = [];
    let lost = false;
    const alone: ApiClient = {
      ...real,
      batch: async () => {
        throw new ApiError(404, 'not_found', 'Route POST:/v1/batch not found');
      },
      createWallet: async (id, body, idempotencyKey) => {
        expect(body).toEqual({ currency: 'GBP', initialBalance: 5_000 });
        keys.push(idempotencyKey);
        const answer = await real.createWallet(id, body, idempotencyKey);
        if (!lost) {
          lost = true;
          throw new NetworkError('the answer never came back');
        }
        return answer;
      },
    };
    await drain(c, c.pusher(alone));

    expect(keys).toEqual([queued.idempotencyKey, queued.idempotencyKey]);
    expect(c.outbox.counts(REPLAY_ACCOUNT)).toEqual({ pending: 0, rejected: 0 });
    const wallet = await walletIn('GBP');
    expect(wallet.balance).toBe(5_000);
    expect(await rows(wallet.id)).toEqual([['credit', 5_000, 'Initial balance']]);
  });
});

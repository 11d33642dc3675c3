import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../support/databases.js';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';

describe.each(DIALECTS)('billing API on %s: a debit as a caller sees it', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(dialect);
  });
  afterAll(() => api.close());

  it('debits once per key and reports the balance after it', async () => {
    const { admin, walletId } = await seedReseller(api.app);
    const k = key();
    const first = await call(api.app, 'POST', `/v1/wallets/${walletId}/debits`, {
      token: admin,
      key: k,
      body: { amount: 2500, description: 'Order #1' },
    });
    expect(first.status).toBe(201);
    expect(first.body.transaction).toMatchObject({ type: 'payment', amount: -2500, balanceAfter: 97_500 });
    const replay = await call(api.app, 'POST', `/v1/wallets/${walletId}/debits`, {
      token: admin,
      key: k,
      body: { amount: 2500, description: 'Order #1' },
    });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const wallet = await call(api.app, 'GET', `/v1/wallets/${walletId}`, { token: admin });
    expect(wallet.body).toMatchObject({ balance: 97_500, pendingCharges: 0, availableBalance: 97_500 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { DIALECTS } from '../../support/databases.js';
import { ok } from '../../support/tenants.js';

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: {
    transaction?: { id: string; amount: number; balanceAfter: number };
    error?: { code: string; field?: string };
  };
}

describe.each(DIALECTS)('debits arriving together on one wallet on %s', (dialect) => {
  let api: TestApi;
  let admin: string;

  beforeAll(async () => {
    api = await startApi(dialect);
    ({ admin } = await seedReseller(api.app));
  });
  afterAll(() => api.close());

  const fundedWallet = async (funds: number) => {
    const customer = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: admin,
        body: { name: 'Hot', email: `${key()}@example.com` },
      }),
    );
    return (
      await ok(
        call(api.app, 'POST', `/v1/customers/${customer.id}/wallets`, {
          token: admin,
          body: { currency: 'USD', initialBalance: funds },
          key: key('wallet'),
        }),
      )
    ).id as string;
  };
  const debit = (walletId: string, k: string, amount: number) =>
    call(api.app, 'POST', `/v1/wallets/${walletId}/debits`, {
      token: admin,
      key: k,
      body: { amount, description: 'hot' },
    }) as Promise<Answer>;

  it('takes each only while the running balance covers it: its own row and answer, never an overdraft', async () => {
    const walletId = await fundedWallet(100);
    const twice = key('twice');
    // 60 debits of 2 from 100, one of them sent twice under one key, all at once.
    const sent = [
      ...Array.from({ length: 30 }, () => debit(walletId, key(), 2)),
      debit(walletId, twice, 2),
      debit(walletId, twice, 2),
      ...Array.from({ length: 29 }, () => debit(walletId, key(), 2)),
    ];
    const answers = await Promise.all(sent);
    const taken = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status !== 201);
    // The key sent twice moved the money once: both answers carry one row, the second replayed.
    const [first, second] = [answers[30]!, answers[31]!];
    expect(second.body).toStrictEqual(first.body);
    expect([first.headers['idempotent-replayed'], second.headers['idempotent-replayed']]).toContain('true');
    const rows = new Set(taken.map((a) => a.body.transaction!.id));
    expect(rows.size).toBe(50);
    expect(taken.length).toBe(first.status === 201 ? 51 : 50);
    for (const r of refused) {
      expect(r.status).toBe(422);
      expect(r.body.error).toMatchObject({ code: 'insufficient_funds', field: 'amount' });
    }
    // Each row carries the balance after it: 98, 96, … 0, each once.
    const after = [...new Set(taken.map((a) => a.body.transaction!.balanceAfter))].sort((a, b) => b - a);
    expect(after).toEqual(Array.from({ length: 50 }, (_, i) => 98 - 2 * i));
    const wallet = await ok(call(api.app, 'GET', `/v1/wallets/${walletId}`, { token: admin }));
    expect(wallet.balance).toBe(0);
    const history = await ok(
      call(api.app, 'GET', `/v1/wallets/${walletId}/transactions?limit=500`, { token: admin }),
    );
    const payments = (history.items as Array<{ id: string; type: string }>).filter(
      (t) => t.type === 'payment',
    );
    expect(new Set(payments.map((t) => t.id))).toEqual(rows);
  });

  it('a debit refused in a group is answered the same when retried under its key', async () => {
    const walletId = await fundedWallet(10);
    const keys = Array.from({ length: 8 }, () => key());
    const answers = await Promise.all(keys.map((k) => debit(walletId, k, 3)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    const retried = await Promise.all(keys.map((k) => debit(walletId, k, 3)));
    retried.forEach((again, i) => {
      expect(again.status).toBe(answers[i]!.status);
      expect(again.body).toStrictEqual(answers[i]!.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
    });
    const wallet = await ok(call(api.app, 'GET', `/v1/wallets/${walletId}`, { token: admin }));
    expect(wallet.balance).toBe(1);
  });
});

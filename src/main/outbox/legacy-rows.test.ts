import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/client.js';
import {
  created,
  handlerWorld,
  TEST_ACCOUNT as ACCOUNT,
  TEST_NOW as NOW,
  testCustomer,
  testWallet,
} from '../testing/handler-world.js';

/** Rows written straight into the outbox table, as an earlier version of the console stored them. */
function storeRow(
  w: ReturnType<typeof handlerWorld>,
  row: { id: string; kind: string; payload: string; customerRef?: string | null; walletRef?: string | null },
) {
  w.outboxDb
    .prepare(
      `insert into outbox (id, account, kind, state, payload, idempotency_key, customer_ref, wallet_ref, currency,
         summary_json, error_code, error_message, attempts, created_at)
       values (?, ?, ?, 'pending', ?, ?, ?, ?, 'USD', ?, null, null, 0, ?)`,
    )
    .run(
      row.id,
      ACCOUNT,
      row.kind,
      row.payload,
      `key-${row.id}`,
      row.customerRef ?? 'cus_1',
      row.walletRef === undefined ? 'wal_1' : row.walletRef,
      // An English sentence, as migration 270 kept those stored before summaries were keys.
      JSON.stringify({ key: 'legacy', values: { text: `Summary of ${row.id}` } }),
      NOW,
    );
}

let w: ReturnType<typeof handlerWorld>;
afterEach(() => w?.close());

const world = (client: Partial<ApiClient> = {}) =>
  handlerWorld('reseller_admin', {
    client,
    changes: created({ entity: 'customer', data: testCustomer() }, { entity: 'wallet', data: testWallet() }),
  });

describe('outbox rows stored by an earlier version', () => {
  it('lists a merchant credit stored as `wallet.top_up` as a `wallet.credit`, on the Outbox screen too', async () => {
    w = world();
    storeRow(w, {
      id: 'obx_old',
      kind: 'wallet.top_up',
      payload: '{"amount":1050,"description":"Old credit"}',
    });
    const [item] = w.outbox.list(ACCOUNT);
    expect(item).toMatchObject({
      id: 'obx_old',
      kind: 'wallet.credit',
      payload: { amount: 1_050, description: 'Old credit' },
      walletId: 'wal_1',
      idempotencyKey: 'key-obx_old',
    });
    expect(await w.call('outbox:list', {})).toStrictEqual({
      ok: true,
      value: [
        {
          id: 'obx_old',
          kind: 'wallet.credit',
          state: 'pending',
          payload: { amount: 1_050, description: 'Old credit' },
          customerId: 'cus_1',
          walletId: 'wal_1',
          currency: 'USD',
          summary: { key: 'legacy', values: { text: 'Summary of obx_old' } },
          error: null,
          createdAt: NOW,
        },
      ],
    });
  });

  it('sends old rows with their stored keys, typed: a credit to /credits, an offline customer and its wallet', async () => {
    const credit = vi.fn(async () => ({}));
    const createCustomer = vi.fn(async () => ({ id: 'cus_9' }));
    const createWallet = vi.fn(async () => ({ id: 'wal_9' }));
    w = world({ credit, createCustomer, createWallet } as unknown as Partial<ApiClient>);
    storeRow(w, {
      id: 'obx_1',
      kind: 'customer.create',
      payload: '{"localId":"local_cus_1","name":"Ann","email":"ann@example.com"}',
      customerRef: 'local_cus_1',
      walletRef: null,
    });
    storeRow(w, {
      id: 'obx_2',
      kind: 'wallet.create',
      payload: '{"localId":"local_wal_1","currency":"USD"}',
      customerRef: 'local_cus_1',
      walletRef: 'local_wal_1',
    });
    storeRow(w, {
      id: 'obx_3',
      kind: 'wallet.top_up',
      payload: '{"amount":700,"description":"Old credit"}',
      customerRef: 'local_cus_1',
      walletRef: 'local_wal_1',
    });
    await w.startEngine().idle();
    expect(createCustomer).toHaveBeenCalledWith({ name: 'Ann', email: 'ann@example.com' }, 'key-obx_1');
    expect(createWallet).toHaveBeenCalledWith('cus_9', { currency: 'USD' }, 'key-obx_2');
    expect(credit).toHaveBeenCalledWith('wal_9', { amount: 700, description: 'Old credit' }, 'key-obx_3');
    expect(w.outbox.list(ACCOUNT)).toEqual([]);
  });

  it('rejects a row it cannot read with a clear reason, keeps it to discard, and sends the rest', async () => {
    const adjust = vi.fn(async () => ({}));
    w = world({ adjust } as unknown as Partial<ApiClient>);
    storeRow(w, { id: 'obx_bad', kind: 'wallet.top_up', payload: '{"amount":"10.50","description":"x"}' });
    storeRow(w, { id: 'obx_junk', kind: 'wallet.credit', payload: 'not json' });
    storeRow(w, { id: 'obx_ok', kind: 'wallet.adjust', payload: '{"amount":-300,"reason":"Fix"}' });
    await w.startEngine().idle();
    expect(adjust).toHaveBeenCalledWith('wal_1', { amount: -300, reason: 'Fix' }, 'key-obx_ok');
    const left = w.outbox.list(ACCOUNT);
    expect(left.map((i) => [i.id, i.kind, i.state, i.error?.code])).toEqual([
      ['obx_bad', 'unreadable', 'rejected', 'unreadable'],
      ['obx_junk', 'unreadable', 'rejected', 'unreadable'],
    ]);
    expect(left[0]!.error!.message).toMatch(/wallet\.top_up.*cannot read.*payload\.amount.*discard it/);
    expect(left[1]!.error!.message).toMatch(/wallet\.credit.*not JSON/);
    expect(w.outbox.counts(ACCOUNT)).toEqual({ pending: 0, rejected: 2 });
    expect(await w.call('outbox:discard', { id: 'obx_bad' })).toMatchObject({
      ok: true,
      value: [{ id: 'obx_junk' }],
    });
  });
});

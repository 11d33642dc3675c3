import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../shared/ipc-contract.js';
import { TEST_ACCOUNT, handlerWorld } from '../testing/handler-world.js';

let w: ReturnType<typeof handlerWorld>;
afterEach(() => w.close());

function queue(count: number) {
  for (let n = 1; n <= count; n++) {
    w.outbox.enqueue(
      TEST_ACCOUNT,
      {
        kind: 'wallet.credit',
        payload: { amount: n * 100, description: `Credit ${n}` },
        customerRef: 'cus_1',
        walletRef: 'wal_1',
        currency: 'USD',
        summary: { key: 'walletCredit', values: { amount: n * 100, currency: 'USD' } },
      },
      `2030-01-01T00:00:${String(n).padStart(2, '0')}.000Z`,
      `out_${n}`,
    );
  }
}

const page = async (offset: number, limit: number, sender = 'main-window') =>
  (await w.call('outbox:page', { offset, limit }, sender)) as
    | { ok: true; value: { items: OutboxItem[]; total: number } }
    | { ok: false; error: { code: string; field?: string } };

describe('outbox:page', () => {
  it('pages the queue oldest first, every write once, with the size of the whole queue', async () => {
    w = handlerWorld('reseller_admin');
    queue(7);
    const all = await w.call('outbox:list', {});
    const pages = await Promise.all([page(0, 3), page(3, 3), page(6, 3), page(9, 3)]);
    const ids = pages.flatMap((p) => (p.ok ? p.value.items.map((i) => i.id) : []));
    expect(ids).toEqual((all as { value: OutboxItem[] }).value.map((i) => i.id));
    expect(ids).toEqual(['out_1', 'out_2', 'out_3', 'out_4', 'out_5', 'out_6', 'out_7']);
    expect(pages.map((p) => p.ok && p.value.total)).toEqual([7, 7, 7, 7]);
    // What the renderer sees: no idempotency key, no attempts.
    expect(pages[0]!.ok && Object.keys(pages[0]!.value.items[0]!)).not.toContain('idempotencyKey');
  });

  it('keeps its total right as writes are discarded, rejected and retried', async () => {
    w = handlerWorld('reseller_admin');
    queue(4);
    await w.call('outbox:discard', { id: 'out_2' });
    w.outbox.reject('out_3', { code: 'insufficient_funds', message: 'not enough' });
    expect(await page(0, 10)).toMatchObject({ ok: true, value: { total: 3 } });
    await w.call('outbox:retry', { id: 'out_3' });
    expect(await page(0, 10)).toMatchObject({ ok: true, value: { total: 3 } });
  });

  it('checks its sender and its input', async () => {
    w = handlerWorld('support_agent');
    expect(await page(0, 10, 'other-window')).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    expect(await page(0, 1_000)).toMatchObject({ ok: false, error: { code: 'validation', field: 'limit' } });
    expect(await page(-1, 10)).toMatchObject({ ok: false, error: { code: 'validation', field: 'offset' } });
  });
});

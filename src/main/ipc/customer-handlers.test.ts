import { afterEach, describe, expect, it } from 'vitest';
import { created, handlerWorld, testCustomer } from '../testing/handler-world.js';

/** Two customers in the cache, signed in as the reseller's admin. */
const world = () =>
  handlerWorld('reseller_admin', {
    changes: created(
      { entity: 'customer', data: testCustomer({ id: 'cus_1', name: 'Binh' }) },
      { entity: 'customer', data: testCustomer({ id: 'cus_2', name: 'An' }) },
    ),
  });

let w: ReturnType<typeof world>;
afterEach(() => w?.close());

describe('customers:named', () => {
  it('reads the cached customers a screen names, leaving out ids the cache does not hold', async () => {
    w = world();
    const result = (await w.call('customers:named', { customerIds: ['cus_2', 'cus_9', 'cus_1'] })) as {
      ok: true;
      value: Array<{ id: string; name: string; pending: boolean }>;
    };
    expect(result.ok).toBe(true);
    expect(result.value.map((c) => [c.id, c.name, c.pending]).sort()).toEqual([
      ['cus_1', 'Binh', false],
      ['cus_2', 'An', false],
    ]);
  });

  it('names the field of a bad list of ids, and reads nothing', async () => {
    w = world();
    for (const [customerIds, field] of [
      [[], 'customerIds'],
      [Array.from({ length: 501 }, (_, i) => `cus_${i}`), 'customerIds'],
      [['cus_1', 7], 'customerIds.1'],
    ] as const) {
      expect(await w.call('customers:named', { customerIds })).toMatchObject({
        ok: false,
        error: { code: 'validation', field },
      });
    }
  });
});

describe('customers:set-language', () => {
  const saving = (role: 'reseller_admin' | 'support_agent' | 'customer', sent: unknown[] = []) =>
    handlerWorld(role, {
      changes: created({ entity: 'customer', data: testCustomer({ id: 'cus_1', name: 'Binh' }) }),
      client: {
        updateCustomer: async (customerId: string, body: { language?: 'en' | 'vi' | null }) => {
          sent.push([customerId, body]);
          return testCustomer({
            id: customerId,
            name: 'Binh',
            language: body.language ?? null,
            languageSetBy: body.language ? 'admin' : null,
            updatedAt: '2030-01-02T00:00:00.000Z',
          });
        },
      },
    });

  it("an admin sets it online; the server's answer is in the cache at once", async () => {
    const sent: unknown[] = [];
    w = saving('reseller_admin', sent);
    expect(await w.call('customers:set-language', { customerId: 'cus_1', language: 'vi' })).toMatchObject({
      ok: true,
      value: { id: 'cus_1', language: 'vi', languageSetBy: 'admin', pending: false },
    });
    expect(sent).toEqual([['cus_1', { language: 'vi' }]]);
    expect(w.cache.customer('cus_1')).toMatchObject({ language: 'vi', languageSetBy: 'admin' });
  });

  it('refuses other roles, a language it does not know and a customer still queued, sending nothing', async () => {
    const sent: unknown[] = [];
    for (const role of ['support_agent', 'customer'] as const) {
      w = saving(role, sent);
      expect(await w.call('customers:set-language', { customerId: 'cus_1', language: 'vi' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      w.close();
    }
    w = saving('reseller_admin', sent);
    expect(await w.call('customers:set-language', { customerId: 'cus_1', language: 'fr' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'language' },
    });
    const queued = (await w.call('customers:create', { name: 'Dana', email: 'dana@example.com' })) as {
      ok: true;
      value: { customerId: string };
    };
    expect(
      await w.call('customers:set-language', { customerId: queued.value.customerId, language: 'vi' }),
    ).toMatchObject({ ok: false, error: { code: 'not_synced', field: 'customerId' } });
    expect(sent).toEqual([]);
    expect(w.cache.customer('cus_1')).toMatchObject({ language: null });
  });
});

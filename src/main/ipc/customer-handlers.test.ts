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

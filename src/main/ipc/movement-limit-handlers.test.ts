import { afterEach, describe, expect, it } from 'vitest';
import type { MovementLimitView } from '../../shared/api/movement-limits.js';
import type { Session } from '../../shared/ipc-contract.js';
import { NetworkError, type ApiClient } from '../api/client.js';
import {
  created,
  handlerWorld,
  memoryCache,
  TEST_ACCOUNT as ACCOUNT,
  testCustomer,
  testWallet,
} from '../testing/handler-world.js';
import { knownMovementLimits, rememberMovementLimits } from './movement-limit-handlers.js';

/** Acme's own limits: confirm above 1,000.00 USD, refuse above 10,000.00 USD. */
const ACME_USD: MovementLimitView = {
  currency: 'USD',
  confirmAbove: 100_000,
  maxPerMovement: 1_000_000,
  custom: true,
};

/** The real handlers over an in-memory cache (one USD wallet of Acme) and outbox, with a fake API. */
function world(role: Session['role'], client: Partial<ApiClient> = {}) {
  const w = handlerWorld(role, {
    client,
    changes: created({ entity: 'customer', data: testCustomer() }, { entity: 'wallet', data: testWallet() }),
  });
  return {
    ...w,
    queued: () =>
      w.outbox.list(ACCOUNT).map((i) => [i.kind, 'amount' in i.payload ? i.payload.amount : null]),
  };
}

const offline = async (): Promise<never> => {
  throw new NetworkError('cannot reach http://127.0.0.1:1');
};

let w: ReturnType<typeof world>;
afterEach(() => w?.close());

describe('merchant credits and adjustments under the movement limits', () => {
  it('below the confirmation amount: queued without asking', async () => {
    w = world('reseller_admin', { movementLimits: async () => ({ items: [ACME_USD] }) });
    expect(await w.call('movement-limits:get', {})).toMatchObject({ ok: true, value: { offline: false } });
    expect(
      await w.call('wallets:credit', { walletId: 'wal_1', amount: 100_000, description: 'Small' }),
    ).toMatchObject({
      ok: true,
    });
    expect(w.queued()).toEqual([['wallet.credit', 100_000]]);
  });

  it('above it: refused until confirmed, then queued; the reply names both amounts', async () => {
    w = world('reseller_admin', { movementLimits: async () => ({ items: [ACME_USD] }) });
    await w.call('movement-limits:get', {});
    const asked = await w.call('wallets:credit', { walletId: 'wal_1', amount: 500_000, description: 'Big' });
    expect(asked).toStrictEqual({
      ok: false,
      error: {
        code: 'confirmation_required',
        message: '5,000.00 USD is above your confirmation amount of 1,000.00 USD: confirm it first',
        field: 'amount',
        reason: { key: 'movement_needs_confirmation', values: { confirmAbove: 100_000, currency: 'USD' } },
      },
    });
    expect(w.queued()).toEqual([]);
    expect(
      await w.call('wallets:adjust', { walletId: 'wal_1', amount: -500_000, reason: 'Fix', confirmed: true }),
    ).toMatchObject({ ok: true });
    expect(w.queued()).toEqual([['wallet.adjust', -500_000]]);
  });

  it('above the maximum: refused even when confirmed, nothing queued', async () => {
    w = world('reseller_admin', { movementLimits: async () => ({ items: [ACME_USD] }) });
    await w.call('movement-limits:get', {});
    expect(
      await w.call('wallets:credit', {
        walletId: 'wal_1',
        amount: 1_000_001,
        description: 'Huge',
        confirmed: true,
      }),
    ).toMatchObject({ ok: false, error: { code: 'movement_limit', field: 'amount' } });
    expect(w.queued()).toEqual([]);
  });

  it('offline: the limits last fetched still hold, and say they are from the cache', async () => {
    let reachable = true;
    w = world('reseller_admin', {
      movementLimits: async () => (reachable ? { items: [ACME_USD] } : offline()),
    });
    await w.call('movement-limits:get', {});
    reachable = false;
    const last = await w.call('movement-limits:get', {});
    expect(last).toMatchObject({ ok: true, value: { offline: true } });
    expect((last as { value: { items: MovementLimitView[] } }).value.items).toContainEqual(ACME_USD);
    expect(
      await w.call('wallets:credit', { walletId: 'wal_1', amount: 200_000, description: 'x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'confirmation_required' },
    });
    expect(w.queued()).toEqual([]);
  });

  it('never fetched and offline: the default confirmation amount (1,000.00 USD) applies', async () => {
    w = world('reseller_admin', { movementLimits: offline });
    expect(
      await w.call('wallets:credit', { walletId: 'wal_1', amount: 100_001, description: 'x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'confirmation_required' },
    });
    expect(
      await w.call('wallets:credit', {
        walletId: 'wal_1',
        amount: 99_999_999_999_999,
        description: 'x',
        confirmed: true,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'movement_limit', message: expect.stringContaining('10,000,000.00 USD') },
    });
  });

  it('a support agent reads the limits but neither sets them nor credits; a customer neither', async () => {
    const calls: string[] = [];
    const client = {
      movementLimits: async () => ({ items: [ACME_USD] }),
      setMovementLimits: async () => {
        calls.push('set');
        return { items: [ACME_USD] };
      },
    };
    w = world('support_agent', client);
    expect(await w.call('movement-limits:get', {})).toMatchObject({ ok: true });
    const body = { items: [{ currency: 'USD', confirmAbove: 1, maxPerMovement: 2 }] };
    expect(await w.call('movement-limits:update', body)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await w.call('wallets:credit', { walletId: 'wal_1', amount: 1, description: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    w.close();
    w = world('customer', client);
    expect(await w.call('movement-limits:get', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(calls).toEqual([]);
  });

  it('setting limits: the wrong sender and bad input are refused before the API is asked; offline is said plainly', async () => {
    const calls: string[] = [];
    w = world('reseller_admin', {
      setMovementLimits: async () => {
        calls.push('set');
        return offline();
      },
    });
    const body = { items: [{ currency: 'USD', confirmAbove: 100, maxPerMovement: 1_000 }] };
    expect(await w.call('movement-limits:update', body, 'an-iframe')).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    expect(
      await w.call('movement-limits:update', {
        items: [{ currency: 'USD', confirmAbove: 5_000, maxPerMovement: 1_000 }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'validation', field: 'items.0.confirmAbove' } });
    expect(calls).toEqual([]);
    expect(await w.call('movement-limits:update', body)).toMatchObject({
      ok: false,
      error: { code: 'offline', message: expect.stringMatching(/cannot be reached/) },
    });
  });
});

describe('limits fetched as a session starts', () => {
  it('are kept for the account that is still signed in, and not for one that has left', async () => {
    const { db, cache } = memoryCache();
    cache.setMeta('account', ACCOUNT);
    const client = { movementLimits: async () => ({ items: [ACME_USD] }) };
    await rememberMovementLimits(cache, client, 'another-account');
    expect(knownMovementLimits(cache)).not.toContainEqual(ACME_USD);
    await rememberMovementLimits(cache, client, ACCOUNT);
    expect(knownMovementLimits(cache)).toContainEqual(ACME_USD);
    // Offline at the next start: what was kept stays.
    await rememberMovementLimits(cache, { movementLimits: offline }, ACCOUNT);
    expect(knownMovementLimits(cache)).toContainEqual(ACME_USD);
    db.close();
  });
});

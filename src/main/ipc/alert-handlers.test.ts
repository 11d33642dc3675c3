import { afterEach, describe, expect, it } from 'vitest';
import type { AlertSettings, AutoTopUpAttempt } from '../../shared/api/alerts.js';
import type { Session } from '../../shared/ipc-contract.js';
import { NetworkError, type ApiClient } from '../api/client.js';
import { created, handlerWorld, testCustomer, testWallet } from '../testing/handler-world.js';

const SAVED: AlertSettings = {
  walletId: 'wal_1',
  customerId: 'cus_1',
  threshold: 1_000,
  runwayDays: null,
  channels: ['desktop'],
  emails: [],
  state: 'ok',
  stateSince: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
};

/** The real handlers over an in-memory cache holding one USD wallet, with a fake API client. */
function world(role: Session['role'], client: Partial<ApiClient> = {}) {
  return handlerWorld(role, {
    client,
    changes: created({ entity: 'customer', data: testCustomer() }, { entity: 'wallet', data: testWallet() }),
  });
}

let w: ReturnType<typeof world>;
afterEach(() => w?.close());

describe('alert and auto top-up channels', () => {
  it('saves alert settings online and keeps the answer in the cache for the wallet page', async () => {
    const sent: unknown[] = [];
    w = world('reseller_admin', {
      setAlertSettings: async (walletId, body) => {
        sent.push([walletId, body]);
        return SAVED;
      },
    });
    const settings = { threshold: 1_000, channels: ['desktop' as const] };
    expect(await w.call('alerts:update-settings', { walletId: 'wal_1', settings })).toEqual({
      ok: true,
      value: SAVED,
    });
    expect(sent).toEqual([['wal_1', settings]]);
    const view = await w.call('alerts:wallet', { walletId: 'wal_1' });
    expect(view).toMatchObject({ ok: true, value: { settings: SAVED, alerts: [], runwayDays: null } });
  });

  it('offline: a clear refusal, nothing kept', async () => {
    w = world('reseller_admin', {
      setAlertSettings: async () => {
        throw new NetworkError('cannot reach http://127.0.0.1:1');
      },
    });
    const reply = await w.call('alerts:update-settings', {
      walletId: 'wal_1',
      settings: { threshold: 1_000, channels: ['desktop'] },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(await w.call('alerts:wallet', { walletId: 'wal_1' })).toMatchObject({
      ok: true,
      value: { settings: null },
    });
  });

  it('a support agent reads but may not change alerts or auto top-up; bad input names the field', async () => {
    w = world('support_agent');
    expect(
      await w.call('alerts:update-settings', { walletId: 'wal_1', settings: { threshold: 1, channels: [] } }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await w.call('auto-top-up:update', {
        walletId: 'wal_1',
        settings: { enabled: true, threshold: 1, amount: 10, paymentMethodId: 'pmt_1' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const bad = await w.call('alerts:update-settings', {
      walletId: 'wal_1',
      settings: { threshold: -1, channels: [] },
    });
    expect(bad).toMatchObject({ ok: false, error: { field: 'settings.threshold' } });
    expect(await w.call('alerts:low-wallets', {})).toEqual({ ok: true, value: { items: [], total: 0 } });
    expect(await w.call('alerts:low-wallets', { limit: 101 })).toMatchObject({
      ok: false,
      error: { field: 'limit' },
    });
  });
});

describe('auto top-up charges', () => {
  const attempt: AutoTopUpAttempt = {
    id: 'atu_1',
    walletId: 'wal_1',
    paymentId: 'pay_1',
    amount: 5_000,
    currency: 'USD',
    status: 'failed',
    error: 'The payment was declined.',
    errorReason: { key: 'payment_failed', values: { code: 'declined', declineCode: 'expired_card' } },
    waitingOn: null,
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:05.000Z',
  };

  it('are read from the API for every role, ten by default, as the API answers them', async () => {
    for (const role of ['reseller_admin', 'support_agent', 'customer'] as const) {
      const asked: unknown[] = [];
      w = world(role, {
        autoTopUpAttempts: async (walletId, limit) => {
          asked.push([walletId, limit]);
          return { items: [attempt] };
        },
      });
      expect(await w.call('auto-top-up:attempts', { walletId: 'wal_1' })).toEqual({
        ok: true,
        value: [attempt],
      });
      expect(asked).toEqual([['wal_1', 10]]);
      w.close();
    }
  });

  it('offline: a clear refusal; bad input names the field', async () => {
    w = world('support_agent', {
      autoTopUpAttempts: async () => {
        throw new NetworkError('cannot reach http://127.0.0.1:1');
      },
    });
    // Named as the panel names them (attempts: a try refused before any charge is listed too); the
    // renderer words the `offline` code itself in Vietnamese.
    expect(await w.call('auto-top-up:attempts', { walletId: 'wal_1' })).toEqual({
      ok: false,
      error: {
        code: 'offline',
        message:
          'Loading the auto top-up attempts needs the billing API, which cannot be reached right now. Try again when the console is online.',
      },
    });
    expect(await w.call('auto-top-up:attempts', { walletId: 'wal_1', limit: 51 })).toMatchObject({
      ok: false,
      error: { field: 'limit' },
    });
    expect(await w.call('auto-top-up:attempts', {})).toMatchObject({
      ok: false,
      error: { field: 'walletId' },
    });
  });
});

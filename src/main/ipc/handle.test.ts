import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../api/client.js';
import { createDispatcher, HandlerError, type Handlers } from './handle.js';

type Sender = { trusted: boolean };
const trusted: Sender = { trusted: true };

function dispatcherWith(overrides: Partial<Handlers>, logged: unknown[] = []) {
  const handlers = new Proxy(overrides as Handlers, {
    get: (target, key: string) =>
      target[key as keyof Handlers] ?? (() => Promise.reject(new Error(`unexpected call to ${key}`))),
  });
  return createDispatcher<Sender>(
    handlers,
    (s) => s.trusted,
    (_m, e) => logged.push(e),
  );
}

describe('the IPC wrapper', () => {
  it('passes validated input to the handler and wraps its value', async () => {
    const seen: unknown[] = [];
    const dispatch = dispatcherWith({
      'wallets:history': (args) => {
        seen.push(args);
        return { items: [], total: 0 };
      },
    });
    const result = await dispatch(trusted, 'wallets:history', { walletId: 'wal_1' });
    expect(result).toEqual({ ok: true, value: { items: [], total: 0 } });
    // Defaults from the schema are applied before the handler sees the input.
    expect(seen).toEqual([{ walletId: 'wal_1', offset: 0, limit: 100 }]);
  });

  it('refuses a sender that is not the app page, without calling the handler', async () => {
    let called = false;
    const dispatch = dispatcherWith({ 'session:get': () => ((called = true), {} as never) });
    const result = await dispatch({ trusted: false }, 'session:get', {});
    expect(result).toEqual({ ok: false, error: { code: 'forbidden_sender', message: expect.any(String) } });
    expect(called).toBe(false);
  });

  it('writes files only for the app page, and only for an invoice id (never a path or bytes)', async () => {
    let called = 0;
    const dispatch = dispatcherWith({
      'invoices:save-pdf': () => (called++, { path: null }),
      'invoices:open-pdf': () => (called++, { opened: true }),
    });
    for (const channel of ['invoices:save-pdf', 'invoices:open-pdf'] as const) {
      expect(await dispatch({ trusted: false }, channel, { invoiceId: 'inv_1' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden_sender' },
      });
      expect(
        await dispatch(trusted, channel, { invoiceId: 'inv_1', path: '/etc/passwd', base64: 'AA==' }),
      ).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(called).toBe(0);
    expect(await dispatch(trusted, 'invoices:open-pdf', { invoiceId: 'inv_1' })).toEqual({
      ok: true,
      value: { opened: true },
    });
  });

  it('refuses unknown channels and bad arguments, naming the field', async () => {
    const dispatch = dispatcherWith({});
    expect(await dispatch(trusted, 'fs:read', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    expect(await dispatch(trusted, 42, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(
      await dispatch(trusted, 'wallets:credit', { walletId: 'w', amount: 10.5, description: 'x' }),
    ).toEqual({
      ok: false,
      error: {
        code: 'validation',
        field: 'amount',
        message: 'amount: must be an integer count of minor units',
      },
    });
    expect(
      await dispatch(trusted, 'wallets:credit', { walletId: 'w', amount: 100, description: 'x', extra: 1 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await dispatch(trusted, 'links:open', { url: 'file:///etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'url' },
    });
  });

  it('carries handler and API refusals, and hides internal errors', async () => {
    const logged: unknown[] = [];
    const dispatch = dispatcherWith(
      {
        'outbox:discard': () => {
          throw new HandlerError('not_found', 'no such queued change', 'id');
        },
        'session:connect': () => {
          throw new ApiError(401, 'unauthorized', 'wrong email or password');
        },
        'sync:now': () => {
          throw new NetworkError('cannot reach http://127.0.0.1:1');
        },
        'session:get': () => {
          throw new TypeError('secret internal detail');
        },
      },
      logged,
    );
    expect(await dispatch(trusted, 'outbox:discard', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'no such queued change', field: 'id' },
    });
    expect(
      await dispatch(trusted, 'session:connect', {
        method: 'password',
        url: 'http://127.0.0.1:1',
        email: 'a@b.co',
        password: 'x',
      }),
    ).toEqual({ ok: false, error: { code: 'unauthorized', message: 'wrong email or password' } });
    expect(await dispatch(trusted, 'sync:now', {})).toMatchObject({ ok: false, error: { code: 'offline' } });
    const internal = await dispatch(trusted, 'session:get', {});
    expect(internal).toEqual({
      ok: false,
      error: { code: 'internal', message: 'something went wrong in the desktop core' },
    });
    expect(JSON.stringify(internal)).not.toContain('secret internal detail');
    expect(logged).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import type { User } from '../../shared/api/auth.js';
import type { Session } from '../../shared/ipc-contract.js';
import { ApiError, NetworkError, type ApiClient } from '../api/client.js';
import type { SessionManager } from '../session/session-manager.js';
import { createDispatcher, type Handlers } from './handle.js';
import { createUserHandlers } from './user-handlers.js';

const USER: User = {
  id: 'usr_1',
  email: 'agent@example.com',
  role: 'support_agent',
  customerId: null,
  status: 'active',
  lastSignInAt: null,
  createdAt: '2030-01-01T00:00:00.000Z',
};

/** The user handlers behind a dispatcher that trusts only 'main-window', over a recording fake API. */
function world(role: Session['role'], client: Partial<ApiClient>) {
  const calls: Array<[string, unknown[]]> = [];
  const recording = new Proxy(client, {
    get: (target, name: string) => {
      const fn = (target as Record<string, unknown>)[name];
      if (typeof fn !== 'function') return fn;
      return (...args: unknown[]) => {
        calls.push([name, args]);
        return (fn as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
  const session = {
    signedIn: () => ({ account: 'acct', client: recording as ApiClient }),
    get: () => ({ role }) as Session,
  } as unknown as SessionManager;
  const handlers = createUserHandlers({ session }) as unknown as Handlers;
  const dispatch = createDispatcher(handlers, (sender: string) => sender === 'main-window');
  return {
    calls,
    call: (channel: string, input: unknown, sender = 'main-window') => dispatch(sender, channel, input),
  };
}

const api = {
  users: async () => ({ items: [USER] }),
  createUser: async () => ({ ...USER, password: 'made-up-password-1' }),
  updateUser: async () => ({ ...USER, status: 'disabled' as const }),
  resetPassword: async () => ({ user: USER, password: 'made-up-password-2' }),
};

describe('users channels', () => {
  it('refuse a sender that is not the console window, before asking the API anything', async () => {
    const w = world('reseller_admin', api);
    for (const [channel, input] of [
      ['users:list', {}],
      ['users:create', { email: 'a@example.com', role: 'support_agent' }],
      ['users:update', { userId: 'usr_1', disabled: true }],
      ['users:reset-password', { userId: 'usr_1' }],
    ] as const) {
      expect(await w.call(channel, input, 'some-iframe')).toMatchObject({
        ok: false,
        error: { code: 'forbidden_sender' },
      });
    }
    expect(w.calls).toEqual([]);
  });

  it('refuse bad input naming the field, before asking the API anything', async () => {
    const w = world('reseller_admin', api);
    const cases: Array<[string, unknown, string | undefined]> = [
      ['users:create', { email: 'not-an-email', role: 'support_agent' }, 'email'],
      ['users:create', { email: 'a@example.com', role: 'operator' }, 'role'],
      ['users:create', { email: 'a@example.com', role: 'customer' }, 'customerId'],
      ['users:create', { email: 'a@example.com', role: 'support_agent', password: 'short' }, 'password'],
      ['users:update', { disabled: true }, 'userId'],
      ['users:update', { userId: 'usr_1' }, undefined],
      ['users:update', { userId: 'usr_1', disabled: 'yes' }, 'disabled'],
      ['users:update', { userId: 'usr_1', role: 'support_agent', extra: 1 }, undefined],
      ['users:reset-password', { userId: 'usr_1', password: 'short' }, 'password'],
      ['users:reset-password', {}, 'userId'],
    ];
    for (const [channel, input, field] of cases) {
      const reply = await w.call(channel, input);
      expect(reply, `${channel} ${JSON.stringify(input)}`).toMatchObject({
        ok: false,
        error: { code: 'validation' },
      });
      if (field) expect(reply).toMatchObject({ error: { field } });
    }
    expect(w.calls).toEqual([]);
  });

  it('are for reseller admins only: support agents and customers are refused without an API call', async () => {
    for (const role of ['support_agent', 'customer'] as const) {
      const w = world(role, api);
      expect(await w.call('users:list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await w.call('users:update', { userId: 'usr_1', disabled: true })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(w.calls).toEqual([]);
    }
  });

  it("pass an admin's requests through and answer the made-up password once", async () => {
    const w = world('reseller_admin', api);
    expect(await w.call('users:list', {})).toStrictEqual({ ok: true, value: [USER] });
    expect(await w.call('users:create', { email: 'A@Example.com', role: 'support_agent' })).toMatchObject({
      ok: true,
      value: { password: 'made-up-password-1' },
    });
    expect(await w.call('users:update', { userId: 'usr_1', disabled: true })).toMatchObject({
      ok: true,
      value: { status: 'disabled' },
    });
    expect(await w.call('users:reset-password', { userId: 'usr_1' })).toMatchObject({
      ok: true,
      value: { password: 'made-up-password-2' },
    });
    expect(w.calls).toEqual([
      ['users', []],
      ['createUser', [{ email: 'a@example.com', role: 'support_agent' }]],
      ['updateUser', ['usr_1', { disabled: true }]],
      ['resetPassword', ['usr_1', {}]],
    ]);
  });

  it("say plainly when offline, and pass the server's refusal on with its field", async () => {
    const w = world('reseller_admin', {
      users: async () => {
        throw new NetworkError('cannot reach http://127.0.0.1:1');
      },
      updateUser: async () => {
        throw new ApiError(
          409,
          'conflict',
          'this is the last active admin: make another user an admin first',
          'disabled',
        );
      },
    });
    expect(await w.call('users:list', {})).toMatchObject({
      ok: false,
      error: { code: 'offline', message: expect.stringMatching(/^Listing users needs the billing API/) },
    });
    expect(await w.call('users:update', { userId: 'usr_1', disabled: true })).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'disabled' },
    });
  });
});

import type { SessionManager } from '../session/session-manager.js';
import type { Handlers } from './handle.js';
import { ADMIN, clientAs, online } from './online.js';

type UserChannels = 'users:list' | 'users:create' | 'users:update' | 'users:reset-password';

/**
 * Logins of the reseller, for its admins: straight to the billing API (nothing cached or queued: a
 * login is the server's to check, and a password must never wait in an outbox on disk). Passwords
 * pass through in memory only.
 */
export function createUserHandlers(d: { session: SessionManager }): Pick<Handlers, UserChannels> {
  const admin = () => clientAs(d.session, ADMIN, 'manage users');
  return {
    'users:list': async () => {
      const client = admin();
      return (await online('Listing users', () => client.users())).items;
    },
    'users:create': (body) => {
      const client = admin();
      return online('Creating a user', () => client.createUser(body));
    },
    'users:update': ({ userId, ...patch }) => {
      const client = admin();
      return online('Changing a user', () => client.updateUser(userId, patch));
    },
    'users:reset-password': ({ userId, password }) => {
      const client = admin();
      return online('Resetting a password', () =>
        client.resetPassword(userId, password === undefined ? {} : { password }),
      );
    },
  };
}

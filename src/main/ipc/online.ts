import type { Session } from '../../shared/ipc-contract.js';
import { NetworkError, type ApiClient } from '../api/client.js';
import type { SessionManager } from '../session/session-manager.js';
import { HandlerError } from './handle.js';

export type Role = NonNullable<Session['role']>;

export const STAFF: readonly Role[] = ['reseller_admin', 'support_agent'];
export const ADMIN: readonly Role[] = ['reseller_admin'];

/** The signed-in client, if the role is one of `roles`; `what` says what was refused. */
export function clientAs(session: SessionManager, roles: readonly Role[], what: string): ApiClient {
  const current = session.signedIn();
  if (!current) throw new HandlerError('signed_out', 'sign in first');
  const role = session.get().role;
  if (!role || !roles.includes(role)) throw new HandlerError('forbidden', `this account cannot ${what}`);
  return current.client;
}

/** Runs a request that needs the billing API; unreachable, it is a clear `offline` refusal. */
export async function online<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof NetworkError)
      throw new HandlerError(
        'offline',
        `${what} needs the billing API, which cannot be reached right now. Try again when the console is online.`,
      );
    throw error;
  }
}

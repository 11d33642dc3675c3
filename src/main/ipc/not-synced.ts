import { HandlerError } from './handle.js';

/** What a screen may still know by its local id only: created here, not yet confirmed by the server. */
export type Unsynced = 'customer' | 'wallet' | 'payment';

/**
 * Refuses an online action on something the server has not confirmed yet, saying which kind of thing
 * it is as data, so the console words it for what it is ("Khách hàng này…", not always "Ví này…").
 */
export function notSynced(what: Unsynced, message: string, field?: string): HandlerError {
  return new HandlerError('not_synced', message, field, { key: 'not_synced', values: { what } });
}

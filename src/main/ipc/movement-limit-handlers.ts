import { movementLimitsSchema, type MovementLimitView } from '../../shared/api/movement-limits.js';
import { CURRENCIES, type Currency } from '../../shared/money.js';
import {
  amountWithCode,
  checkMovement,
  defaultMovementLimit,
  type MovementLimit,
} from '../../shared/movement-limits.js';
import { NetworkError, type ApiClient } from '../api/client.js';
import type { CacheStore } from '../cache/cache-store.js';
import type { SessionManager } from '../session/session-manager.js';
import { HandlerError, type Handlers } from './handle.js';
import { ADMIN, clientAs, online, STAFF } from './online.js';

/** Where the limits last fetched are kept (the cache's meta table: cleared with the account). */
const META_KEY = 'movementLimits';

/** The limits the console knows: last fetched from the API, else the platform's defaults. */
export function knownMovementLimits(cache: CacheStore): MovementLimitView[] {
  const stored = cache.getMeta(META_KEY);
  const parsed = stored === null ? null : movementLimitsSchema.safeParse(JSON.parse(stored));
  if (parsed?.success) return parsed.data.items;
  return CURRENCIES.map((currency) => ({ ...defaultMovementLimit(currency), custom: false }));
}

/**
 * Fetches the reseller's limits into the cache as a session starts, so that the confirmation amount
 * holds offline even before any credit form was opened. Best effort: offline, the last ones stay.
 */
export async function rememberMovementLimits(
  cache: CacheStore,
  client: Pick<ApiClient, 'movementLimits'>,
  account: string,
): Promise<void> {
  try {
    const { items } = await client.movementLimits();
    // Another account may have signed in meanwhile: its cache is not this one's to write.
    if (cache.getMeta('account') === account) cache.setMeta(META_KEY, JSON.stringify({ items }));
  } catch {
    // Unreachable or refused: the limits last kept (or the defaults) still apply.
  }
}

function limitIn(cache: CacheStore, currency: Currency): MovementLimit {
  return knownMovementLimits(cache).find((l) => l.currency === currency) ?? defaultMovementLimit(currency);
}

/**
 * A merchant credit or adjustment (or a new wallet's initial balance) about to be queued: refused above the maximum per movement (the
 * API would refuse it when sent), and above the confirmation amount unless the user confirmed it.
 */
export function checkStaffMovement(
  cache: CacheStore,
  amount: number,
  currency: Currency,
  confirmed: boolean,
  /** The input field the amount came from (a new wallet's `initialBalance`). */
  field = 'amount',
): void {
  const limit = limitIn(cache, currency);
  const verdict = checkMovement(amount, limit);
  if (verdict === 'over_max')
    throw new HandlerError(
      'movement_limit',
      `must be at most ${amountWithCode(limit.maxPerMovement, currency)} per movement (your maximum; an admin can change it under Payment settings)`,
      field,
      { key: 'movement_over_max', values: { max: limit.maxPerMovement, currency } },
    );
  if (verdict === 'confirm' && !confirmed)
    throw new HandlerError(
      'confirmation_required',
      `${amountWithCode(Math.abs(amount), currency)} is above your confirmation amount of ${amountWithCode(limit.confirmAbove, currency)}: confirm it first`,
      field,
      { key: 'movement_needs_confirmation', values: { confirmAbove: limit.confirmAbove, currency } },
    );
}

export function createMovementLimitHandlers(d: {
  session: SessionManager;
  cache: CacheStore;
}): Pick<Handlers, 'movement-limits:get' | 'movement-limits:update'> {
  const keep = (items: MovementLimitView[]) => {
    d.cache.setMeta(META_KEY, JSON.stringify({ items }));
    return { items, offline: false };
  };
  return {
    'movement-limits:get': async () => {
      const client = clientAs(d.session, STAFF, 'see movement limits');
      try {
        return keep((await client.movementLimits()).items);
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error;
        // Offline: the limits last fetched still decide what asks for confirmation.
        return { items: knownMovementLimits(d.cache), offline: true };
      }
    },
    'movement-limits:update': async (body) => {
      const client = clientAs(d.session, ADMIN, 'change movement limits');
      return keep((await online('Saving movement limits', () => client.setMovementLimits(body))).items);
    },
  };
}

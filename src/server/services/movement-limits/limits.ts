import type { Kysely } from 'kysely';
import type { MovementLimitView, UpdateMovementLimits } from '../../../shared/api/movement-limits.js';
import { CURRENCIES, type Currency } from '../../../shared/money.js';
import {
  amountWithCode,
  checkMovement,
  defaultMovementLimit,
  type MovementLimit,
} from '../../../shared/movement-limits.js';
import type { Trx } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { recordAudit } from '../audit/record.js';
import { Failure } from '../failure.js';
import { findWallet } from '../lookups.js';
import { ok, type Result } from '../result.js';
import { requireWrite, type Scope } from '../scope.js';

type Reader = Pick<Kysely<Database>, 'selectFrom'>;

/** Every currency's limits for this reseller: its own where it set them, the defaults elsewhere. */
export async function movementLimits(db: Reader, resellerId: string): Promise<MovementLimitView[]> {
  const rows = await db
    .selectFrom('movement_limits')
    .selectAll()
    .where('reseller_id', '=', resellerId)
    .execute();
  const set = new Map(rows.map((r) => [r.currency, r]));
  return CURRENCIES.map((currency) => {
    const row = set.get(currency);
    return row
      ? { currency, confirmAbove: row.confirm_above, maxPerMovement: row.max_amount, custom: true }
      : { ...defaultMovementLimit(currency), custom: false };
  });
}

/** One currency's limit for this reseller. */
export async function movementLimit(
  db: Reader,
  resellerId: string,
  currency: Currency,
): Promise<MovementLimit> {
  const row = await db
    .selectFrom('movement_limits')
    .select(['confirm_above', 'max_amount'])
    .where('reseller_id', '=', resellerId)
    .where('currency', '=', currency)
    .executeTakeFirst();
  return row
    ? { currency, confirmAbove: row.confirm_above, maxPerMovement: row.max_amount }
    : defaultMovementLimit(currency);
}

/**
 * Sets the limits of the currencies listed (the others keep theirs); answers every currency's. The
 * body's schema already refused a confirmation threshold above the maximum and repeated currencies:
 * nothing is left to refuse here.
 */
export async function setMovementLimits(
  trx: Trx,
  scope: Scope,
  input: UpdateMovementLimits,
  now: string,
): Promise<Result<MovementLimitView[], never>> {
  const resellerId = scope.resellerId;
  const before = await movementLimits(trx, resellerId);
  for (const item of input.items) {
    const values = { confirm_above: item.confirmAbove, max_amount: item.maxPerMovement, updated_at: now };
    await trx
      .insertInto('movement_limits')
      .values({ reseller_id: resellerId, currency: item.currency, ...values })
      .onConflict((oc) => oc.columns(['reseller_id', 'currency']).doUpdateSet(values))
      .execute();
  }
  const after = await movementLimits(trx, resellerId);
  const entry = { entityType: 'movement_limits', entityId: resellerId, before, after };
  await recordAudit(trx, scope, { action: 'movement_limits.updated', ...entry }, now);
  return ok(after);
}

/**
 * Refuses a staff movement (merchant credit or adjustment) of `amount` signed minor units above the
 * reseller's maximum per movement for the wallet's currency, before anything is written. A caller
 * that may not write is refused as such first, and an unknown wallet is not found, as the write says.
 */
export async function enforceMovementLimit(
  db: Reader,
  scope: Scope,
  walletId: string,
  amount: number,
  idempotencyKey?: string,
): Promise<void> {
  requireWrite(scope);
  if (await answeredBefore(db, scope.resellerId, idempotencyKey)) return;
  const wallet = await findWallet(db, scope, walletId);
  await enforceLimitIn(db, scope.resellerId, wallet.currency, amount);
}

/**
 * Whether a request under this Idempotency-Key was answered before. Such a request is replayed as
 * it was answered (or refused as a reused key), even if the limit has been lowered since: the
 * limits are checked for new movements only.
 */
export async function answeredBefore(
  db: Reader,
  resellerId: string,
  idempotencyKey: string | undefined,
): Promise<boolean> {
  if (idempotencyKey === undefined) return false;
  const answered = await db
    .selectFrom('idempotency_keys')
    .select('key')
    .where('reseller_id', '=', resellerId)
    .where('key', '=', idempotencyKey)
    .executeTakeFirst();
  return answered !== undefined;
}

/** The same check for a movement in `currency` (e.g. a new wallet's initial balance). */
export async function enforceLimitIn(
  db: Reader,
  resellerId: string,
  currency: Currency,
  amount: number,
  field = 'amount',
): Promise<void> {
  const limit = await movementLimit(db, resellerId, currency);
  if (checkMovement(amount, limit) === 'over_max') {
    throw new Failure(
      'movement_limit',
      `must be at most ${amountWithCode(limit.maxPerMovement, currency)} per movement (this reseller's maximum; an admin can change it under Payment settings)`,
      field,
      { key: 'movement_over_max', values: { max: limit.maxPerMovement, currency } },
    );
  }
}

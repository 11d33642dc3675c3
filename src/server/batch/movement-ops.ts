import type { z } from 'zod';
import type { BatchOperation } from '../../shared/api/batch.js';
import { adjustmentBody, creditBody, debitBody } from '../../shared/api/wallets.js';
import { requestHash } from '../http/idempotency.js';
import { KEY } from '../http/idempotent.js';
import type { Scope } from '../services/scope.js';
import type { BatchMovement, MovementKind } from './apply-movements.js';

/** The wallet movement routes a batch applies set-based; their paths, bodies and fingerprints. */
const MOVEMENT_PATH = /^\/v1\/wallets\/([^/]+)\/(credits|debits|adjustments)$/;
const KIND: Record<string, MovementKind> = { credits: 'credit', debits: 'debit', adjustments: 'adjustment' };
/** The routes' `:id` parameter (routes/wallets.ts idParams). */
const MAX_ID = 64;

/**
 * A batch operation as the movement its route would write, when nothing about it could make that
 * route answer otherwise before the ledger is reached: a caller who may write, a valid
 * Idempotency-Key, a body the route's schema accepts (with no U+0000, which every route refuses).
 * Anything else (null) goes through its own route, which answers it as it always has.
 */
export function movementOf(op: BatchOperation, scope: Scope): BatchMovement | null {
  const path = MOVEMENT_PATH.exec(op.path);
  const key = op.idempotencyKey;
  if (!path || !scope.canWrite || key === undefined || !KEY.test(key) || hasNul(op.body)) return null;
  const [, walletId = '', collection = ''] = path;
  if (walletId.length > MAX_ID) return null;
  const kind = KIND[collection]!;
  const fingerprint = (body: unknown) => ({
    method: 'POST',
    route: `/v1/wallets/:id/${collection}`,
    params: { id: walletId },
    body,
  });
  if (kind === 'adjustment') {
    const body = parsed(adjustmentBody, op.body);
    if (!body) return null;
    const { amount, reason } = body;
    return { kind, walletId, amount, description: reason, key, requestHash: requestHash(fingerprint(body)) };
  }
  const body = parsed(kind === 'credit' ? creditBody : debitBody, op.body);
  if (!body) return null;
  return {
    kind,
    walletId,
    amount: body.amount,
    description: body.description,
    reference: body.reference,
    key,
    requestHash: requestHash(fingerprint(body)),
  };
}

function parsed<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> | null {
  const result = schema.safeParse(body);
  return result.success ? result.data : null;
}

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v));
  }
  return false;
}

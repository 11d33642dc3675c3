import { hash } from 'node:crypto';
import type { Store, Trx } from '../db/database.js';
import { Failure } from '../services/failure.js';
import { failureBody, statusOf } from './failure-status.js';

export interface Outcome {
  status: number;
  body: unknown;
}

/** An outcome, and whether it is the stored answer of an earlier request under the same key. */
export interface Answer extends Outcome {
  replayed: boolean;
}

export interface IdempotencyRequest {
  resellerId: string;
  key: string;
  /** Method, route and the validated body: what makes two requests "the same". */
  fingerprint: unknown;
}

export function requestHash(fingerprint: unknown): string {
  // One-shot: a replay hashes a thousand operations a batch, and a Hash object each cost twice as much.
  return hash('sha256', stableJson(fingerprint), 'hex');
}

/**
 * JSON with every object's keys in code-unit order and undefined members left out, so that the same
 * request hashes the same whatever order its keys came in. Stored keys hold this hash: its output
 * must never change (idempotency.test.ts pins it). Plain loops: a replay hashes a thousand
 * operations a batch, and the entries/filter/sort/map chain cost twice as much.
 */
function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + stableJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${stableJson(member)}`;
  }
  return `${out}}`;
}

/** Thrown inside the transaction when another request stored the key first: undo ours, answer theirs. */
class KeyTaken extends Error {}

/**
 * Runs a money-moving write at most once per (reseller, key). The outcome (success or refusal) is
 * stored under the key in the same transaction as the write, so a replay returns the first answer and
 * moves nothing; the same key with a different request is refused. A replay, like two racing requests
 * with one key, may run `run`, but only the first to store the key commits; the other rolls back and
 * answers the first one's outcome. So `run` writes only through `trx`, never to the outside world.
 */
export async function runIdempotent(
  store: Store,
  request: IdempotencyRequest,
  now: string,
  run: (trx: Trx) => Promise<Outcome>,
): Promise<Answer> {
  const hash = requestHash(request.fingerprint);
  try {
    return await store.write(async (trx) => {
      // No lookup first: storing the key below finds a replay as well, then this transaction rolls
      // back and the stored answer is sent. That saves a statement on every write and costs only on
      // a replay, which `run` must already allow for (it may run and be undone, see above).
      const outcome = await run(trx);
      if (!(await storeOutcome(trx, request, hash, outcome, now))) throw new KeyTaken();
      return { ...outcome, replayed: false };
    });
  } catch (error) {
    if (error instanceof Failure && error.code !== 'idempotency_key_reused') {
      // A refusal is an answer too: keep it under the key so that a retry gets the same one.
      const refusal = { status: statusOf(error), body: failureBody(error) };
      return store.write(async (trx) => {
        if (await storeOutcome(trx, request, hash, refusal, now)) return { ...refusal, replayed: false };
        return answerStored((await findStored(trx, request))!, hash);
      });
    }
    if (error instanceof KeyTaken || !(error instanceof Failure)) {
      // Lost to a concurrent request with this key; on PostgreSQL a unique index (a customer's
      // external reference, a wallet's currency) may say so before the key does. Answer its outcome.
      const stored = await findStored(store.db, request);
      if (stored) return answerStored(stored, hash);
    }
    throw error;
  }
}

type Reader = Pick<Trx, 'selectFrom'>;

function findStored(db: Reader, request: IdempotencyRequest) {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'response_status', 'response_body'])
    .where('reseller_id', '=', request.resellerId)
    .where('key', '=', request.key)
    .executeTakeFirst();
}

function answerStored(
  stored: { request_hash: string; response_status: number; response_body: string },
  hash: string,
): Answer {
  if (stored.request_hash !== hash) {
    throw new Failure(
      'idempotency_key_reused',
      'this Idempotency-Key was already used for a different request; use a new key for a new request',
      'Idempotency-Key',
    );
  }
  return { status: stored.response_status, body: JSON.parse(stored.response_body), replayed: true };
}

async function storeOutcome(
  trx: Trx,
  request: IdempotencyRequest,
  hash: string,
  outcome: Outcome,
  now: string,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('idempotency_keys')
    .values({
      reseller_id: request.resellerId,
      key: request.key,
      request_hash: hash,
      response_status: outcome.status,
      response_body: JSON.stringify(outcome.body),
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['reseller_id', 'key']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

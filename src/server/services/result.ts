import type { ErrorCode } from '../../shared/api/common.js';
import { Failure } from './failure.js';

/**
 * What a service write answers: its value, or a refusal whose code is one of those the service
 * declares (`Result<Customer, 'not_found' | 'conflict'>`), so callers handle exactly those.
 *
 * A service runs inside the caller's transaction. A refusal is returned, not thrown, so the caller
 * decides; the caller that owns the transaction rolls it back on a refusal (`unwrap` throws it), so
 * nothing a refused service wrote is ever committed.
 */
export type Result<T, C extends ErrorCode = ErrorCode> = Ok<T> | Refused<C>;

export interface Ok<T> {
  ok: true;
  value: T;
}

export interface Refused<C extends ErrorCode> {
  ok: false;
  failure: Failure<C>;
}

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

export const refuse = <C extends ErrorCode>(code: C, message: string, field?: string): Refused<C> => ({
  ok: false,
  failure: new Failure(code, message, field),
});

/**
 * Runs a service body that signals refusals by throwing `Failure` (as the ledger's guards do deep in
 * a call) and answers them as a `Result`. Codes outside `C` are not refusals the service declares:
 * they are rethrown.
 */
export async function attempt<T, C extends ErrorCode>(
  codes: readonly C[],
  body: () => Promise<T>,
): Promise<Result<T, C>> {
  try {
    return ok(await body());
  } catch (error) {
    if (error instanceof Failure && (codes as readonly ErrorCode[]).includes(error.code)) {
      return { ok: false, failure: error as Failure<C> };
    }
    throw error;
  }
}

/** The value, or the refusal thrown — which rolls back the transaction it is thrown in. */
export function unwrap<T>(result: Result<T, ErrorCode>): T {
  if (!result.ok) throw result.failure;
  return result.value;
}

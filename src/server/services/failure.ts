import type { ErrorCode, RefusalReason } from '../../shared/api/common.js';

/**
 * A refusal the caller can act on. Services throw it so that the write transaction around them rolls
 * back; the HTTP layer turns it into `{error: {code, message, field?, reason?}}` with its status
 * (http/failure-status.ts). `reason` carries what a refusal a person meets says, as data, so the
 * console words it in that person's language; `message` stays the English for everyone else.
 */
export class Failure<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly field?: string,
    readonly reason?: RefusalReason,
  ) {
    super(message);
    this.name = 'Failure';
  }
}

export const notFound = (what: string, field?: string) =>
  new Failure('not_found', `${what} not found`, field);

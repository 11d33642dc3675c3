import type { ErrorCode } from '../../shared/api/common.js';

/**
 * A refusal the caller can act on. Services throw it so that the write transaction around them rolls
 * back; the HTTP layer turns it into `{error: {code, message, field?}}` with its status
 * (http/failure-status.ts).
 */
export class Failure<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'Failure';
  }
}

export const notFound = (what: string, field?: string) =>
  new Failure('not_found', `${what} not found`, field);

import type { ErrorCode } from '../../shared/api/common.js';
import type { Failure } from '../services/failure.js';

/** The HTTP status each refusal is answered with: services refuse by code, only HTTP knows statuses. */
const FAILURE_STATUS: Record<ErrorCode, number> = {
  validation: 400,
  invalid_json: 400,
  idempotency_key_missing: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  cursor_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  insufficient_funds: 422,
  wallet_closed: 422,
  balance_limit: 422,
  hold_not_pending: 422,
  not_refundable: 422,
  refund_exceeds_payment: 422,
  idempotency_key_reused: 422,
  top_up_limit: 422,
  movement_limit: 422,
  method_unavailable: 422,
  payment_not_open: 422,
  credentials_key_missing: 422,
  rate_limited: 429,
  wallet_on_hold: 422,
  payment_not_refundable: 422,
  refund_refused: 422,
  wallet_in_use: 409,
  refund_required: 422,
  refund_outcome_required: 422,
  invoice_processing: 409,
  internal: 500,
  gateway_unavailable: 502,
};

export const statusOf = (failure: Failure): number => FAILURE_STATUS[failure.code];

/** The error body every refusal is answered with: `{error: {code, message, field?}}`. */
export function failureBody(error: Failure) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
      ...(error.reason ? { reason: error.reason } : {}),
    },
  };
}

/** Maps a framework error's 4xx status to the nearest refusal; 5xx stays internal. */
export function failureStatusOf(status: number | undefined): ErrorCode | null {
  switch (status) {
    case 400:
      return 'validation';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    default:
      return null;
  }
}

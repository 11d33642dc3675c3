import type { RefusalReason } from '../../shared/api/common';
import type { IpcResult } from '../../shared/ipc-contract';
import { i18n } from '../i18n';
import { refusalWords, type RefusalContext } from './refusal-words';

/** A channel's `{ ok: false }` answer, thrown so TanStack Query sees a failed query or mutation. */
export class IpcError extends Error {
  readonly code: string;
  /** The input field the error is about, when main named one (e.g. `url`, `amount`). */
  readonly field: string | undefined;
  /** The server's refusal as data, worded in the console's language (refusal-words.ts). */
  readonly reason: RefusalReason | undefined;

  constructor(error: { code: string; message: string; field?: string; reason?: RefusalReason }) {
    super(error.message);
    this.name = 'IpcError';
    this.code = error.code;
    this.field = error.field;
    this.reason = error.reason;
  }
}

export function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw new IpcError(result.error);
}

/** Awaits a desktop API call and returns its value, or throws its error as an IpcError. */
export async function call<T>(pending: Promise<IpcResult<T>>): Promise<T> {
  return unwrap(await pending);
}

/**
 * A message fit to show a person, whatever was thrown. In English the API's and main's own messages
 * stay as they come (they are English already, and more precise: they name fields and amounts). In
 * another language a known code reads as its sentence (`common:errorCode.<code>`) rather than as
 * English; a code without one still shows the English message, which beats saying nothing.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof IpcError) {
    if (error.code === 'disconnected') return i18n.t('common:error.disconnected');
    // A refusal the server explained as data reads the same in every language, figures included.
    const worded = error.reason && refusalWords(error.reason);
    if (worded) return worded;
    if (i18n.language !== 'en' && TRANSLATED_CODES.has(error.code))
      return i18n.t(`common:errorCode.${error.code}`);
    return sentence(error.message);
  }
  if (error instanceof Error) return sentence(error.message);
  return i18n.t('common:error.unknown');
}

/** Codes whose sentence says all a person needs, without the message's particulars. */
const TRANSLATED_CODES = new Set([
  'signed_out',
  'offline',
  'not_synced',
  'not_started',
  'forbidden',
  'unauthorized',
  'rate_limited',
  'wallet_closed',
  'wallet_on_hold',
  'gateway_unavailable',
  'method_unavailable',
  'invoice_processing',
  'internal',
]);

/**
 * The error for one form field, if `error` names that field; `context` is what the form knows that
 * the refusal may not say (an amount field's currency).
 */
export function fieldError(error: unknown, field: string, context: RefusalContext = {}): string | undefined {
  if (error instanceof IpcError && error.field !== undefined && lastSegment(error.field) === field) {
    const worded = error.reason && refusalWords(error.reason, context);
    if (worded) return worded;
    // Main prefixes validation messages with the field ("url: must be…"); beside the field it is noise.
    const prefix = `${error.field}: `;
    return sentence(error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message);
  }
  return undefined;
}

/** Whether `error` is about one of `fields` (so the form shows it there, not as a banner). */
export function isFieldError(error: unknown, fields: readonly string[]): boolean {
  return error instanceof IpcError && error.field !== undefined && fields.includes(lastSegment(error.field));
}

function lastSegment(field: string): string {
  return field.split('.').at(-1) ?? field;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return i18n.t('common:error.unknown');
  return trimmed[0]!.toUpperCase() + trimmed.slice(1);
}

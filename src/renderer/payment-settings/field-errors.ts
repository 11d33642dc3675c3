import { IpcError } from '../lib/ipc';

/**
 * The API names the field of a refusal by its whole path in the request (`limits.0.minAmount`,
 * `credentials.rates.USD.BTC`). A form that sent `prefix` answers for the rest of the path; the
 * message loses its "path: " prefix, which beside the field is noise.
 */
export function errorUnder(error: unknown, prefix: string): { key: string; message: string } | null {
  if (!(error instanceof IpcError) || error.field === undefined) return null;
  if (!error.field.startsWith(prefix)) return null;
  const key = error.field.slice(prefix.length);
  const head = `${error.field}: `;
  const text = error.message.startsWith(head) ? error.message.slice(head.length) : error.message;
  return { key, message: text.length > 0 ? text[0]!.toUpperCase() + text.slice(1) : text };
}

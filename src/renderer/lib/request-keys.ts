import { newIdempotencyKey } from '../../shared/ids';
import { IpcError } from './ipc';

/**
 * The Idempotency-Keys of money-moving requests whose answer never came (offline, disconnected),
 * by what they are for: "Place order" or "Renew now" pressed again pays once, not twice, even
 * when the form was remounted meanwhile (a language switch, leaving the page and coming back).
 * Kept for the renderer's life, outside any component, since a remount drops a component's refs.
 */
const unanswered = new Map<string, { intent: string; key: string }>();

/** The key for `intent` under `name`: the unanswered one of the same intent, else a new one. */
export function requestKeyFor(name: string, intent: string): string {
  const kept = unanswered.get(name);
  if (kept?.intent === intent) return kept.key;
  const key = newIdempotencyKey();
  unanswered.set(name, { intent, key });
  return key;
}

/**
 * Its answer came: an outcome or a refusal ends the key. An error that says the request may not
 * have been answered (offline, disconnected) keeps it, so the retry is the same request.
 */
export function requestAnswered(name: string, error?: unknown): void {
  const unknown = error instanceof IpcError && (error.code === 'offline' || error.code === 'disconnected');
  if (!unknown) unanswered.delete(name);
}

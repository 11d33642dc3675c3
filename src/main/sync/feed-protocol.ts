import { ApiError, NetworkError } from '../api/client.js';
import type { FeedPage } from './feed-page.js';

/** The messages between the sync engine's feed reader and the feed worker. */

export interface FeedRequest {
  id: number;
  baseUrl: string;
  token: string | null;
  cursor: number;
  limit: number;
}

export type FeedReply =
  { id: number; ok: true; page: FeedPage } | { id: number; ok: false; error: SerializedError };

/** Errors cross threads as plain data; the engine tells them apart by class, so they are rebuilt. */
type SerializedError =
  | { kind: 'api'; status: number; code: string; message: string; field?: string | undefined }
  | { kind: 'network' | 'other'; message: string };

export function describeError(error: unknown): SerializedError {
  if (error instanceof ApiError) {
    return {
      kind: 'api',
      status: error.status,
      code: error.code,
      message: error.message,
      field: error.field,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: error instanceof NetworkError ? 'network' : 'other', message };
}

export function reviveError(error: SerializedError): Error {
  switch (error.kind) {
    case 'api':
      return new ApiError(error.status, error.code, error.message, error.field);
    case 'network':
      return new NetworkError(error.message);
    case 'other':
      return new Error(error.message);
  }
}

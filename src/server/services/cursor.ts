import { Failure } from './failure.js';

/** Opaque page cursors: base64url JSON of the sort key of the last row returned. */
export function encodeCursor(key: Array<string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: Array<'string' | 'number'>): Array<string | number> {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === shape.length &&
      key.every((part, i) =>
        shape[i] === 'string'
          ? typeof part === 'string' && !part.includes('\u0000')
          : typeof part === 'number' && Number.isSafeInteger(part),
      )
    ) {
      return key as Array<string | number>;
    }
  } catch {
    // fall through to the refusal below
  }
  throw new Failure('validation', 'query: cursor: is not a cursor this API returned', 'cursor');
}

import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a received secret or signature with the expected one in time that depends on neither
 * value: both are hashed to 32 bytes first, so neither where they differ nor their lengths leak.
 * (timingSafeEqual alone throws on a length difference, which is itself a signal.)
 */
export function constantTimeEqual(received: string | Uint8Array, expected: string | Uint8Array): boolean {
  const a = createHash('sha256').update(received).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

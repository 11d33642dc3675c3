/** How long a new top-up link stays usable: the choices the form offers, in days. */
export const LINK_EXPIRY_DAYS = [1, 7, 30] as const;

/** The ISO time `days` days after `now`. */
export function expiryAfter(days: number, now: number = Date.now()): string {
  return new Date(now + days * 86_400_000).toISOString();
}

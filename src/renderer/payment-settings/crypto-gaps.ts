import type { CryptoAddressNetwork } from '../../shared/api/crypto-addresses';
import { cryptoGapLimitSchema } from '../../shared/api/payments';

/**
 * How close a network's unused run of addresses is to the wallet's gap limit:
 * - ok: the wallet sees every address handed out so far and the next ones;
 * - near: at 80% of the limit or closer (always at least one address before it): raise the
 *   wallet's gap limit, or expect checkouts to be refused (CRYPTO_GAP_POLICY=refuse);
 * - reached: the next address lies past where the wallet looks.
 */
export type GapLevel = 'ok' | 'near' | 'reached';

export function gapLevel(gap: number, limit: number): GapLevel {
  if (gap >= limit) return 'reached';
  const margin = Math.max(1, Math.ceil(limit * 0.2));
  return gap >= limit - margin ? 'near' : 'ok';
}

/** The networks worth a warning, worst first; networks that never handed out an address are left out. */
export function gapWarnings(
  networks: readonly CryptoAddressNetwork[],
  limit: number,
): { network: CryptoAddressNetwork['network']; level: Exclude<GapLevel, 'ok'>; gap: number }[] {
  const warnings = networks
    .map((n) => ({ network: n.network, gap: n.gap, level: gapLevel(n.gap, limit) }))
    .filter((w): w is typeof w & { level: Exclude<GapLevel, 'ok'> } => w.level !== 'ok');
  return warnings.sort((a, b) => b.gap - a.gap);
}

/** A typed gap limit: a whole number from 1 to 1000, or the reason it is not. */
export function parseGapLimit(text: string): { ok: true; value: number } | { ok: false } {
  const trimmed = text.trim();
  if (!/^\d{1,4}$/.test(trimmed)) return { ok: false };
  const parsed = cryptoGapLimitSchema.safeParse(Number(trimmed));
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false };
}

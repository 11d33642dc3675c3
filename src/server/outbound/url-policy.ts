import type { RefusalReason } from '../../shared/api/common.js';
import { classifyAddress } from './address-ranges.js';

/** What the operator allows for URLs a reseller sets (gateway API bases, chain sources, webhooks). */
export interface OutboundPolicy {
  /**
   * OUTBOUND_ALLOW_PRIVATE_NETWORKS=true: on-premise gateways on loopback and private networks may
   * be reached, over http too. Link-local, multicast and reserved addresses stay refused.
   */
  allowPrivateNetworks: boolean;
}

/**
 * `reason` is the API's English ("must be an https:// URL"); `refusal` the same as data, for a
 * client to word in its person's language (src/renderer/lib/refusal-words.ts).
 */
export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string; refusal: RefusalReason };

const refused = (reason: string, key: string, values: RefusalReason['values'] = {}): UrlVerdict => ({
  ok: false,
  reason,
  refusal: { key, values },
});

/** Longest URL a reseller may store: a base URL, never a data carrier. */
const MAX_URL_LENGTH = 2048;

/**
 * Checks a reseller-supplied URL before it is stored and again before every request to it. An IP
 * written in the URL is judged here (the URL parser has already turned 2130706433, 0x7f.1 and
 * 017700000001 into 127.0.0.1); a host name is judged again on the addresses it resolves to, at
 * connect time (guarded-fetch.ts), since DNS can answer differently later.
 */
export function checkOutboundUrl(text: string, policy: OutboundPolicy): UrlVerdict {
  if (text.length > MAX_URL_LENGTH)
    return refused(`is longer than ${MAX_URL_LENGTH} characters`, 'url_too_long', { max: MAX_URL_LENGTH });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refused('is not a URL', 'url_invalid');
  }
  if (url.protocol !== 'https:' && !(policy.allowPrivateNetworks && url.protocol === 'http:')) {
    return refused('must be an https:// URL', 'url_not_https');
  }
  if (url.username || url.password) {
    return refused(
      'must not carry a user name or password (use the credential fields)',
      'url_has_credentials',
    );
  }
  const host = url.hostname.replace(/\.$/, '').toLowerCase();
  const verdict = classifyAddress(host);
  if (verdict) return verdictOn(url, host, verdict.kind === 'public' ? null : verdict, policy);
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return verdictOn(url, host, { kind: 'private', reason: 'a loopback name' }, policy);
  }
  return { ok: true, url };
}

/** Whether a resolved or written address may be reached under this policy; the reason if not. */
export function refusalOf(address: string, policy: OutboundPolicy): string | null {
  const verdict = classifyAddress(address);
  if (verdict === null) return 'is not an IP address';
  if (verdict.kind === 'public') return null;
  if (verdict.kind === 'private' && policy.allowPrivateNetworks) return null;
  return `is ${verdict.reason}`;
}

function verdictOn(
  url: URL,
  host: string,
  verdict: { kind: 'private' | 'forbidden'; reason: string } | null,
  policy: OutboundPolicy,
): UrlVerdict {
  if (verdict === null || (verdict.kind === 'private' && policy.allowPrivateNetworks))
    return { ok: true, url };
  return refused(
    `points at ${host}, ${verdict.reason}: not reachable from this server`,
    'url_unreachable_host',
    { host },
  );
}

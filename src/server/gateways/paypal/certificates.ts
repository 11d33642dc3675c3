import type { CertificateFetcher } from './signature.js';

/**
 * Fetches PayPal's webhook signing certificates, keeping each for a day: PayPal rotates them
 * rarely and names each by URL, so a cached one is the same one. Only ever called for URLs that
 * isTrustedCertUrl allowed. A failure throws, so PayPal retries the delivery later.
 */

const DAY_MS = 24 * 3600_000;
const MAX_PEM_BYTES = 64 * 1024;
const cache = new Map<string, { pem: string; fetchedAt: number }>();

export const fetchPayPalCertificate: CertificateFetcher = async (url) => {
  const cached = cache.get(url.href);
  if (cached && Date.now() - cached.fetchedAt < DAY_MS) return cached.pem;
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000), redirect: 'error' });
  if (!response.ok) throw new Error(`PayPal certificate ${url.href}: HTTP ${response.status}`);
  const pem = await response.text();
  if (pem.length > MAX_PEM_BYTES) throw new Error(`PayPal certificate ${url.href} is too large`);
  if (cache.size > 100) cache.clear();
  cache.set(url.href, { pem, fetchedAt: Date.now() });
  return pem;
};

/**
 * Hosts the console may open in the system browser. Only http(s), and only these (plus loopback,
 * where the embedded and local test servers live): everything else is refused.
 */
const ALLOWED_HOSTS = [
  'checkout.stripe.com',
  'www.paypal.com',
  'www.sandbox.paypal.com',
  'pay.cryptomus.com',
];

export function isAllowedExternalUrl(raw: string, extraHosts: readonly string[] = []): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username || url.password) return false;
  const host = url.hostname;
  if (host === '127.0.0.1' || host === 'localhost' || host === '[::1]') return true;
  return url.protocol === 'https:' && [...ALLOWED_HOSTS, ...extraHosts].includes(host);
}

/**
 * What the console may open in the system browser. Only http(s), without credentials in the URL, to:
 * - the payment providers' hosted pages, over https on their default port;
 * - the signed-in billing API's own origin (its hosted pages: the sandbox checkout), given by the
 *   caller as `trustedOrigins`. That is the only way to loopback: the embedded demo API and a local
 *   API the console is signed in to live there, but any other port on 127.0.0.1 may be anything
 *   (another app's admin page, a dev server), so it is refused.
 * Everything else is refused.
 */
const PROVIDER_HOSTS = [
  'checkout.stripe.com',
  'www.paypal.com',
  'www.sandbox.paypal.com',
  'pay.cryptomus.com',
  'checkout.tazapay.com',
  'checkout-sandbox.tazapay.com',
];

/** Names of this machine's loopback interface as a URL's hostname spells them. */
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

export function isAllowedExternalUrl(raw: string, trustedOrigins: readonly string[] = []): boolean {
  const url = parse(raw);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return false;
  if (url.username || url.password) return false;
  if (url.protocol === 'https:' && url.port === '' && PROVIDER_HOSTS.includes(url.hostname)) return true;
  return trustedOrigins.some((origin) => sameOrigin(url, origin));
}

/**
 * The origin of a billing API the console may send the user to, or null: https anywhere, plain http
 * only on loopback (the embedded demo, a local server).
 */
export function trustedApiOrigin(apiUrl: string | null): string | null {
  const url = apiUrl === null ? null : parse(apiUrl);
  if (!url || url.username || url.password) return null;
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname)) return url.origin;
  return null;
}

/** Same scheme and port; on loopback any name of it (the API says 127.0.0.1 where one typed localhost). */
function sameOrigin(url: URL, rawOrigin: string): boolean {
  const origin = parse(rawOrigin);
  if (!origin || url.protocol !== origin.protocol || url.port !== origin.port) return false;
  if (url.hostname === origin.hostname) return true;
  return LOOPBACK_HOSTS.includes(url.hostname) && LOOPBACK_HOSTS.includes(origin.hostname);
}

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

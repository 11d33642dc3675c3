/** The scheme the app registers with the system: `resellerconsole://payments/<id>`. */
export const DEEP_LINK_SCHEME = 'resellerconsole';

const PAYMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * What a `resellerconsole://` link asks for, or null for anything else. The link comes from
 * outside (a browser returning from a gateway, any web page, another program): only the one shape
 * is accepted, and its id must look like an id, so nothing else can steer the window.
 */
export function parseDeepLink(raw: string): { paymentId: string } | null {
  if (typeof raw !== 'string' || raw.length > 512) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return null;
  if (url.username || url.password || url.port) return null;
  // `resellerconsole://payments/pay_1`: the host is "payments", the path "/pay_1" (a trailing slash,
  // a query such as ?status=paid from a return URL, or a fragment do not change what is shown).
  if (url.hostname.toLowerCase() !== 'payments') return null;
  const parts = url.pathname.split('/').filter((part) => part !== '');
  if (parts.length !== 1) return null;
  let id: string;
  try {
    id = decodeURIComponent(parts[0]!);
  } catch {
    return null;
  }
  return PAYMENT_ID.test(id) ? { paymentId: id } : null;
}

/**
 * The deep link among a second instance's command line (Windows and Linux pass the URL as an
 * argument; macOS sends `open-url` instead).
 */
export function deepLinkFromArgv(argv: readonly string[]): { paymentId: string } | null {
  for (const arg of argv) {
    if (!arg.startsWith(`${DEEP_LINK_SCHEME}:`)) continue;
    const link = parseDeepLink(arg);
    if (link) return link;
  }
  return null;
}

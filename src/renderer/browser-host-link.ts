/**
 * The browser host's access token, and what the page says when it cannot use it. The token
 * arrives in the URL fragment that `npm start` prints (`http://127.0.0.1:<port>/#token=…`); the
 * page keeps it in sessionStorage for reloads. Without one, or with one from an earlier run, the
 * core is running (it served this page) but will not talk to the page: that is what it says.
 */
import { i18n } from './i18n';

/** The token from the fragment (taken out of the address bar) or the one this tab kept, or ''. */
export function takeToken(
  location: { hash: string },
  stored: string | null,
): { token: string; fromHash: boolean } {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) return { token: fromHash, fromHash: true };
  return { token: stored ?? '', fromHash: false };
}

/** No token at all: the address was typed, bookmarked or copied without its fragment. */
export const MISSING_TOKEN = {
  code: 'missing_token',
  get title() {
    return i18n.t('shell:link.missingTitle');
  },
  get message() {
    return i18n.t('shell:link.missingMessage', { how: i18n.t('shell:link.openPrintedUrl') });
  },
} as const;

/** A token the core refused before the connection ever opened: one from an earlier run. */
export const TOKEN_REFUSED = {
  code: 'token_refused',
  get title() {
    return i18n.t('shell:link.refusedTitle');
  },
  get message() {
    return i18n.t('shell:link.refusedMessage', { how: i18n.t('shell:link.openPrintedUrl') });
  },
} as const;

/** The title a failed start shows for `code`, when the code is one of the above. */
export function linkProblemTitle(code: string): string | null {
  if (code === MISSING_TOKEN.code) return MISSING_TOKEN.title;
  if (code === TOKEN_REFUSED.code) return TOKEN_REFUSED.title;
  return null;
}

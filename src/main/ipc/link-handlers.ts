import { HandlerError, type Handlers } from './handle.js';
import type { HandlerContext } from './handler-context.js';
import { isAllowedExternalUrl } from './external-links.js';

/** Opening a web page in the system browser: only addresses on the allow-list. */
export function createLinkHandlers(d: HandlerContext): Pick<Handlers, 'links:open'> {
  return {
    'links:open': async ({ url }) => {
      if (!isAllowedExternalUrl(url, d.trustedOrigins()))
        throw new HandlerError('forbidden', 'this link is not on the allow-list', 'url');
      return { opened: await d.openExternal(url) };
    },
  };
}

import type { Handlers } from './handle.js';
import type { HandlerContext } from './handler-context.js';

/** The search box (Ctrl/Cmd+K): the local index, brought up to date first when little is missing. */
export function createSearchHandlers(d: HandlerContext): Pick<Handlers, 'search:query'> {
  return {
    'search:query': ({ query, limit }) => {
      d.account();
      const indexing = d.searchIndexer.catchUpIfSmall();
      return { groups: query.trim() === '' ? [] : d.cache.search.search(query, limit), indexing };
    },
  };
}

import type { SearchResults } from '../../shared/ipc-contract.js';
import type { Handlers } from './handle.js';
import type { HandlerContext } from './handler-context.js';

/** The search box (Ctrl/Cmd+K): the local index, brought up to date first when little is missing. */
export function createSearchHandlers(d: HandlerContext): Pick<Handlers, 'search:query'> {
  return {
    'search:query': ({ query, limit }) => {
      d.account();
      const indexing = d.searchIndexer.catchUpIfSmall();
      const groups = query.trim() === '' ? [] : d.cache.search.search(query, limit);
      return { groups: ownOnly(groups, d.session.get()), indexing };
    },
  };
}

/**
 * A customer finds only its own records. Its cache can hold another customer's payment: a held
 * payment whose money staff applied to that customer's wallet moves to them, and the feed says so
 * with an update, never a delete (the API's payment-reviews/apply.ts).
 */
function ownOnly(
  groups: SearchResults['groups'],
  session: { role: string | null; customerId: string | null },
): SearchResults['groups'] {
  if (session.role !== 'customer') return groups;
  return groups
    .map((g) => ({
      ...g,
      items: g.items.filter((hit) => hit.customerId === null || hit.customerId === session.customerId),
    }))
    .filter((g) => g.items.length > 0);
}

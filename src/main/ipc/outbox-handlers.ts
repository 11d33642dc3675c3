import { HandlerError, type Handlers } from './handle.js';
import { itemView, type HandlerContext } from './handler-context.js';

type OutboxChannels = 'outbox:list' | 'outbox:page' | 'outbox:discard' | 'outbox:retry';

/** The Outbox screen: what is queued, and discarding or retrying one write. */
export function createOutboxHandlers(d: HandlerContext): Pick<Handlers, OutboxChannels> {
  const changed = () => {
    d.engine()?.outboxChanged();
    return d.pendingIntents();
  };
  return {
    'outbox:list': () => d.pendingIntents(),
    'outbox:page': ({ offset, limit }) => {
      if (!d.session.signedIn()) return { items: [], total: 0 };
      const page = d.outbox.page(d.account(), offset, limit);
      return { items: page.items.map(itemView), total: page.total };
    },
    'outbox:discard': ({ id }) => {
      const item = d.outbox.get(id);
      if (!item || item.state === 'sending')
        throw new HandlerError('not_found', 'no such queued change, or it is being sent', 'id', {
          key: item ? 'queued_change_sending' : 'queued_change_gone',
          values: {},
        });
      d.outbox.discard(id);
      return changed();
    },
    'outbox:retry': ({ id }) => {
      if (!d.outbox.get(id))
        throw new HandlerError('not_found', 'no such queued change', 'id', {
          key: 'queued_change_gone',
          values: {},
        });
      d.outbox.markPending(id);
      return changed();
    },
  };
}

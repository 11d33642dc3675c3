import type { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import { changesQuery, changesResponse } from '../../shared/api/sync.js';
import type { Api, AppContext } from '../context.js';
import { scopeFor } from '../http/scope.js';
import { newestSeq, readChanges } from '../sync/feed.js';
import type { Advance } from '../sync/sequencer.js';

const errors = { '4xx': errorBodySchema };
/** Comment lines keep idle streams open through proxies and reveal dead peers. */
const HEARTBEAT_MS = 15_000;

export function registerSyncRoutes(api: Api, ctx: AppContext) {
  // Answers JSON text put together from the stored changes (see sync/feed.ts), hence the Reply type.
  api.get<{ Querystring: z.output<typeof changesQuery>; Reply: string }>(
    '/v1/sync/changes',
    { schema: { tags: ['sync'], querystring: changesQuery, response: { 200: changesResponse, ...errors } } },
    async (request, reply) => {
      const page = await readChanges(ctx.store, scopeFor(request), request.query);
      const changes = page.changes.join(',');
      return reply
        .type('application/json; charset=utf-8')
        .send(`{"changes":[${changes}],"nextCursor":${page.nextCursor},"hasMore":${page.hasMore}}`);
    },
  );

  api.get(
    '/v1/sync/stream',
    { schema: { tags: ['sync'], response: { '4xx': errorBodySchema } } },
    async (request, reply) => {
      const scope = scopeFor(request);
      // Listen before reading the newest position, so that a numbering pass finishing in between is
      // not missed: what arrives meanwhile is folded into the first event.
      const out = reply.raw;
      let newest = 0;
      let streaming = false;
      const send = (seq: number) => out.write(`event: cursor\ndata: ${JSON.stringify({ cursor: seq })}\n\n`);
      const onAdvance = (advances: Advance[]) => {
        for (const a of advances) {
          const visible =
            a.resellerId === scope.resellerId && (a.customerId ?? null) === (scope.customerId ?? null);
          if (!visible || a.seq <= newest) continue;
          newest = a.seq;
          if (streaming) send(newest);
        }
      };
      ctx.sequencer.advances.on('advance', onAdvance);
      try {
        newest = Math.max(newest, await newestSeq(ctx.store, scope));
      } catch (error) {
        ctx.sequencer.advances.off('advance', onAdvance);
        throw error;
      }
      reply.hijack();
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      streaming = true;
      send(newest);
      const heartbeat = setInterval(() => out.write(': ping\n\n'), HEARTBEAT_MS);
      const stop = () => {
        clearInterval(heartbeat);
        ctx.sequencer.advances.off('advance', onAdvance);
      };
      request.raw.on('close', stop);
      out.on('error', stop);
      if (request.raw.destroyed) stop(); // gone while we read the newest position
    },
  );
}

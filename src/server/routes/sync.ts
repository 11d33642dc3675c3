import { errorBodySchema } from '../../shared/api/common.js';
import { changesQuery, changesResponse, type Change } from '../../shared/api/sync.js';
import { scopeFor, type Api, type AppContext } from '../context.js';
import type { Scope } from '../services/scope.js';
import type { Advance } from '../sync/sequencer.js';

const errors = { '4xx': errorBodySchema };
/** Comment lines keep idle streams open through proxies and reveal dead peers. */
const HEARTBEAT_MS = 15_000;

export function registerSyncRoutes(api: Api, ctx: AppContext) {
  api.get(
    '/v1/sync/changes',
    { schema: { tags: ['sync'], querystring: changesQuery, response: { 200: changesResponse, ...errors } } },
    async (request) => {
      const scope = scopeFor(request);
      const { cursor, limit } = request.query;
      let q = ctx.store.db
        .selectFrom('changes')
        .select(['seq', 'entity', 'entity_id', 'op', 'data'])
        .where('reseller_id', '=', scope.resellerId)
        .where('seq', '>', cursor);
      if (scope.customerId) q = q.where('customer_id', '=', scope.customerId);
      const rows = await q
        .orderBy('seq')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const changes: Change[] = page.map((r) => ({
        seq: Number(r.seq),
        entity: r.entity,
        id: r.entity_id,
        op: r.op,
        data: JSON.parse(r.data) as Record<string, unknown>,
      }));
      return { changes, nextCursor: changes.at(-1)?.seq ?? cursor, hasMore: rows.length > limit };
    },
  );

  api.get(
    '/v1/sync/stream',
    { schema: { tags: ['sync'], response: { '4xx': errorBodySchema } } },
    async (request, reply) => {
      const scope = scopeFor(request);
      let newest = await newestSeq(ctx, scope);
      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const send = (seq: number) => out.write(`event: cursor\ndata: ${JSON.stringify({ cursor: seq })}\n\n`);
      send(newest);
      const onAdvance = (advances: Advance[]) => {
        for (const a of advances) {
          const visible =
            a.resellerId === scope.resellerId && (a.customerId ?? null) === (scope.customerId ?? null);
          if (visible && a.seq > newest) {
            newest = a.seq;
            send(newest);
          }
        }
      };
      ctx.sequencer.advances.on('advance', onAdvance);
      const heartbeat = setInterval(() => out.write(': ping\n\n'), HEARTBEAT_MS);
      const stop = () => {
        clearInterval(heartbeat);
        ctx.sequencer.advances.off('advance', onAdvance);
      };
      request.raw.on('close', stop);
      out.on('error', stop);
    },
  );
}

async function newestSeq(ctx: AppContext, scope: Scope): Promise<number> {
  let q = ctx.store.db
    .selectFrom('changes')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('reseller_id', '=', scope.resellerId);
  if (scope.customerId) q = q.where('customer_id', '=', scope.customerId);
  const row = await q.executeTakeFirst();
  return Number(row?.seq ?? 0);
}

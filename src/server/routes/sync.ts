import { sql } from 'kysely';
import type { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import { changesQuery, changesResponse } from '../../shared/api/sync.js';
import { scopeFor, type Api, type AppContext } from '../context.js';
import type { DialectName } from '../db/database.js';
import { Failure } from '../services/failure.js';
import { foldedThrough } from '../services/retention/compact-feed.js';
import type { Scope } from '../services/scope.js';
import type { Advance } from '../sync/sequencer.js';

const errors = { '4xx': errorBodySchema };
/** Comment lines keep idle streams open through proxies and reveal dead peers. */
const HEARTBEAT_MS = 15_000;

export function registerSyncRoutes(api: Api, ctx: AppContext) {
  // Answers JSON text put together from the stored changes (see changeJson), hence the Reply type.
  api.get<{ Querystring: z.output<typeof changesQuery>; Reply: string }>(
    '/v1/sync/changes',
    { schema: { tags: ['sync'], querystring: changesQuery, response: { 200: changesResponse, ...errors } } },
    async (request, reply) => {
      const scope = scopeFor(request);
      const { cursor, limit } = request.query;
      let q = ctx.store.db
        .selectFrom('changes')
        .select(['seq', changeJson(ctx.store.dialect).as('json')])
        .where('reseller_id', '=', scope.resellerId)
        .where('seq', '>', cursor);
      if (scope.customerId) q = q.where('customer_id', '=', scope.customerId);
      const rows = await q
        .orderBy('seq')
        .limit(limit + 1)
        .execute();
      // Read after the page: a compaction that deleted entries this read missed has committed its
      // folded_through with them, so this sees it (see services/retention/compact-feed.ts).
      if (cursor > 0 && cursor < (await foldedThrough(ctx.store.db, scope.resellerId))) {
        throw new Failure(
          'cursor_expired',
          'the change feed was compacted past this cursor: sync again from cursor 0 (queued writes are kept)',
          'cursor',
        );
      }
      const hasMore = rows.length > limit;
      const page = hasMore ? rows.slice(0, limit) : rows;
      const nextCursor = page.length > 0 ? Number(page[page.length - 1]!.seq) : cursor;
      const changes = page.map((r) => r.json).join(',');
      return reply
        .type('application/json; charset=utf-8')
        .send(`{"changes":[${changes}],"nextCursor":${nextCursor},"hasMore":${hasMore}}`);
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
        newest = Math.max(newest, await newestSeq(ctx, scope));
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

/**
 * One change as JSON text, put together by the database around `data` as it is stored: the JSON
 * the writer serialised from the entity's wire shape (recordChanges). Parsing and re-serialising
 * it, and checking 5,000-change pages against changesResponse, cost the feed more than reading it
 * did; changesResponse still describes the route in the OpenAPI document. Text is quoted by the
 * database's own JSON function.
 */
function changeJson(dialect: DialectName) {
  const quote = (column: 'entity' | 'entity_id' | 'op') =>
    dialect === 'sqlite' ? sql`json_quote(${sql.ref(column)})` : sql`to_json(${sql.ref(column)})::text`;
  return sql<string>`'{"seq":' || cast(seq as text) || ',"entity":' || ${quote('entity')}
    || ',"id":' || ${quote('entity_id')} || ',"op":' || ${quote('op')} || ',"data":' || data || '}'`;
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

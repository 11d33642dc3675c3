import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Every answer says its content type is not to be sniffed; JSON answers (balances, ledger rows,
 * credentials' status) are never to be kept by a browser or a shared cache. Hosted pages set their
 * own headers (CSP and the like) and keep them: only headers they did not set are added.
 */
export function addResponseHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    addHeadersTo(reply);
    return payload;
  });
}

/** The same, for answers sent before routing, where no hook runs (the router's own refusals). */
export function addHeadersTo(reply: FastifyReply): void {
  if (!reply.hasHeader('x-content-type-options')) void reply.header('x-content-type-options', 'nosniff');
  const type = reply.getHeader('content-type');
  const json = type === undefined || (typeof type === 'string' && type.startsWith('application/json'));
  if (json && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
}

import { auditListSchema, listAuditQuery } from '../../shared/api/audit.js';
import { applyBankLineBody, bankLineApplicationSchema } from '../../shared/api/bank-lines.js';
import { errorBodySchema } from '../../shared/api/common.js';
import type { Api, AppContext } from '../context.js';
import { adminScope } from '../http/access.js';
import { sendWrite } from '../http/idempotent.js';
import { scopeFor } from '../http/scope.js';
import { listAudit } from '../services/audit/list.js';
import { applyBankLine } from '../services/bank-lines/apply.js';
import { unwrap } from '../services/result.js';

const errors = { '4xx': errorBodySchema };

/** The support desk's staff routes: the audit trail (admins read it) and applying bank lines. */
export function registerAuditRoutes(api: Api, ctx: AppContext) {
  api.get(
    '/v1/audit',
    {
      schema: { tags: ['audit'], querystring: listAuditQuery, response: { 200: auditListSchema, ...errors } },
    },
    async (request) => listAudit(ctx.store.db, adminScope(request), request.query),
  );

  /**
   * One confirmed line of an imported bank statement. Money moves, so admins only; the bank
   * reference makes it exactly-once by itself (an Idempotency-Key is honoured when sent).
   */
  api.post(
    '/v1/bank-lines/apply',
    {
      schema: {
        tags: ['audit'],
        body: applyBankLineBody,
        response: { 200: bankLineApplicationSchema, ...errors },
      },
    },
    async (request, reply) =>
      sendWrite(
        ctx,
        request,
        reply,
        scopeFor(request),
        { keyRequired: false, status: 200 },
        async (trx, now, scope) => unwrap(await applyBankLine(trx, scope, request.body, now)),
      ),
  );
}

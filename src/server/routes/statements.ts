import { z } from 'zod';
import { errorBodySchema } from '../../shared/api/common.js';
import { languageSchema } from '../../shared/api/language.js';
import { signedStatementSchema } from '../../shared/statements/statement.js';
import type { Api, AppContext } from '../context.js';
import { customerLanguage } from '../email/recipients.js';
import { scopeFor } from '../http/scope.js';
import { Failure } from '../services/failure.js';
import { unwrap } from '../services/result.js';
import { buildStatement, statementWordings } from '../services/statements/build-statement.js';
import { statementCsv, statementFileName, statementPdf } from '../services/statements/statement-files.js';

const errors = { '4xx': errorBodySchema };
const idParams = z.strictObject({ id: z.string().min(1).max(64) });
const day = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });
const periodQuery = z.strictObject({ from: day, to: day });
/** The PDF's language: the console asks for its viewer's; without it, the customer's (as its emails). */
const pdfQuery = periodQuery.extend({ lang: languageSchema.optional() });

const statementKeysSchema = z.object({
  keys: z.array(z.object({ keyId: z.string(), algorithm: z.literal('Ed25519'), publicKey: z.string() })),
});

/**
 * Tamper-evident wallet statements: JSON, CSV and PDF of one signed statement (see
 * src/shared/statements/statement.ts), and the public keys that verify them.
 */
export function registerStatementRoutes(api: Api, ctx: AppContext) {
  const signed = async (
    request: {
      params: { id: string };
      query: { from: string; to: string };
      protocol: string;
      host: string;
    } & Parameters<typeof scopeFor>[0],
  ) => {
    if (!ctx.statements) {
      throw new Failure(
        'credentials_key_missing',
        'statements cannot be signed: this server has no CREDENTIALS_KEY (its statement key derives from it)',
      );
    }
    return unwrap(
      await buildStatement(
        ctx.store.db,
        scopeFor(request),
        { walletId: request.params.id, from: request.query.from, to: request.query.to },
        { issuer: `${request.protocol}://${request.host}`, signer: ctx.statements, now: ctx.now() },
      ),
    );
  };
  const common = { tags: ['statements'], params: idParams, querystring: periodQuery };

  api.get(
    '/v1/wallets/:id/statement',
    {
      schema: {
        ...common,
        description: 'The signed statement of a wallet for the UTC days from–to, as JSON.',
        response: { 200: signedStatementSchema, ...errors },
      },
    },
    async (request) => signed(request),
  );

  api.get(
    '/v1/wallets/:id/statement.csv',
    {
      schema: {
        ...common,
        description: 'The same signed statement as CSV.',
        // Sent as text/csv: Fastify does not serialize a string body.
        response: { 200: z.string().describe('text/csv'), ...errors },
      },
    },
    async (request, reply) => {
      const statement = await signed(request);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${statementFileName(statement, 'csv')}"`)
        .send(statementCsv(statement));
    },
  );

  api.get(
    '/v1/wallets/:id/statement.pdf',
    {
      schema: {
        ...common,
        querystring: pdfQuery,
        description:
          'The same signed statement as PDF, with the JSON statement attached inside, in `lang` (default: the customer’s language).',
        response: { 200: z.any().describe('application/pdf'), ...errors },
      },
    },
    async (request, reply) => {
      const statement = await signed(request);
      const lang = request.query.lang ?? (await customerLanguage(ctx.store.db, statement.header.customerId));
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${statementFileName(statement, 'pdf')}"`)
        .send(
          await statementPdf(
            statement,
            lang,
            lang === 'en' ? undefined : await statementWordings(ctx.store.db, statement),
          ),
        );
    },
  );

  api.get(
    '/.well-known/statement-keys',
    {
      schema: {
        tags: ['statements'],
        description: 'The public keys that verify this server’s statement signatures (no credential needed).',
        security: [],
        response: { 200: statementKeysSchema, ...errors },
      },
    },
    async () => ({
      keys: ctx.statements ? [{ ...ctx.statements.key, algorithm: 'Ed25519' as const }] : [],
    }),
  );
}

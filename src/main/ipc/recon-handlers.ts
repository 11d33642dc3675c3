import { newIdempotencyKey } from '../../shared/ids.js';
import type { AppliedLine } from '../../shared/recon.js';
import { ApiError } from '../api/client.js';
import { BankMappings } from '../recon/bank-mappings.js';
import { matchCandidates, matchLines } from '../recon/match.js';
import { parseStatement, StatementError, statementHeaders } from '../recon/statement-csv.js';
import { HandlerError, type Handlers } from './handle.js';
import type { HandlerContext } from './handler-context.js';
import { ADMIN, clientAs, online } from './online.js';

type ReconChannels = 'recon:inspect' | 'recon:import' | 'recon:apply' | 'audit:list';

/** Reads a statement; one it cannot read is a refusal naming the file or the mapping's field. */
export function readable<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof StatementError) {
      throw new HandlerError(
        'validation',
        error.message,
        error.field === 'csv' ? 'csv' : `mapping.${error.field}`,
        error.reason,
      );
    }
    throw error;
  }
}

/**
 * The reconciliation workbench: a bank statement is read and matched here, offline, against the
 * cache; only the lines staff confirm go to the billing API, one request per line, each anchored by
 * the bank's reference so that a retry never credits twice. And the audit trail admins read.
 */
export function createReconHandlers(d: HandlerContext): Pick<Handlers, ReconChannels> {
  const mappings = new BankMappings(d.cache.db);
  return {
    'recon:inspect': ({ bank, csv }) => {
      d.account();
      return { headers: readable(() => statementHeaders(csv)), mapping: mappings.get(bank) };
    },
    'recon:import': ({ bank, csv, mapping }) => {
      d.account();
      const lines = readable(() => parseStatement(csv, mapping));
      // Remembered only once it read the file: a wrong mapping is not kept for next time.
      mappings.save(bank, mapping, d.now());
      return { matches: matchLines(lines, matchCandidates(d.cache.db)) };
    },
    'recon:apply': async ({ lines }) => {
      const client = clientAs(d.session, ADMIN, 'apply bank lines');
      const results: AppliedLine[] = [];
      for (const { line, target } of lines) {
        const body = {
          bankReference: line.bankReference,
          date: line.date,
          amount: line.amount,
          currency: line.currency,
          description: line.description,
          target,
        };
        try {
          const applied = await online('Applying a bank line', () =>
            client.applyBankLine(body, newIdempotencyKey()),
          );
          results.push(
            applied.alreadyApplied
              ? {
                  bankReference: line.bankReference,
                  outcome: 'already_applied' as const,
                  appliedAt: applied.appliedAt,
                }
              : {
                  bankReference: line.bankReference,
                  outcome: 'applied' as const,
                  credited: { amount: applied.amount, currency: applied.currency },
                },
          );
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          results.push({
            bankReference: line.bankReference,
            outcome: 'refused' as const,
            message: error.message,
          });
        }
      }
      d.engine()?.syncNow();
      return { results };
    },
    'audit:list': async (query) => {
      const client = clientAs(d.session, ADMIN, 'read the audit trail');
      const params = Object.fromEntries(
        Object.entries({ ...query, limit: String(query.limit ?? 50) }).filter(
          (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
        ),
      );
      return online('The audit trail', () => client.audit(params));
    },
  };
}

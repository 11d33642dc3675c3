import { verifyStatement } from '../../shared/statements/statement.js';
import { readStatementFile } from '../statements/statement-file.js';
import { HandlerError, type Handlers } from './handle.js';
import type { HandlerContext } from './handler-context.js';

type StatementChannels = 'statements:download' | 'statements:verify';

/**
 * Tamper-evident statements: downloaded from the billing API as it signs them, and checked against
 * the keys that API publishes (the signed-in one: the console trusts no key a file brings along).
 */
export function createStatementHandlers(d: HandlerContext): Pick<Handlers, StatementChannels> {
  const client = () => {
    const signedIn = d.session.signedIn();
    if (!signedIn) throw new HandlerError('signed_out', 'sign in first');
    return signedIn.client;
  };
  return {
    'statements:download': async ({ walletId, from, to, format, language }) => {
      if (to < from) throw new HandlerError('validation', 'must not be before the start', 'to');
      const wallet = d.real(walletId);
      const { bytes, contentType } = await client().statementFile(wallet, { from, to }, format, language);
      return {
        filename: `statement-${wallet}-${from}-to-${to}.${format}`,
        contentType,
        base64: bytes.toString('base64'),
      };
    },
    'statements:verify': async ({ base64 }) => {
      let read;
      try {
        read = readStatementFile(Buffer.from(base64, 'base64'));
      } catch (error) {
        throw new HandlerError('validation', `not a statement file: ${(error as Error).message}`, 'base64');
      }
      const { keys } = await client().statementKeys();
      const verdict = await verifyStatement(read.statement, keys);
      const header = (read.statement as { header?: { walletId?: unknown; from?: unknown; to?: unknown } })
        .header;
      return {
        kind: read.kind,
        intact: verdict.intact && read.mismatches.length === 0,
        genuine: verdict.genuine && read.mismatches.length === 0,
        problems: [...read.mismatches, ...verdict.problems],
        walletId: typeof header?.walletId === 'string' ? header.walletId : null,
        period:
          typeof header?.from === 'string' && typeof header.to === 'string'
            ? { from: header.from, to: header.to }
            : null,
      };
    },
  };
}

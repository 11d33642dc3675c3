import {
  ledgerWordingSchema,
  wordingOfOlderRow,
  type LedgerWording,
} from '../../../shared/api/ledger-wording.js';
import {
  chainStatement,
  STATEMENT_FORMAT,
  type SignedStatement,
  type StatementHeader,
} from '../../../shared/statements/statement.js';
import { findCustomer, findWallet, type Reader } from '../lookups.js';
import { attempt, refuse, type Result } from '../result.js';
import type { Scope } from '../scope.js';
import type { StatementSigner } from './signer.js';

export interface StatementRequest {
  walletId: string;
  /** UTC days, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
}

/** Longest period one statement covers: a year and a day (a leap year's statement included). */
const MAX_DAYS = 367;

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString();

/**
 * A wallet's signed statement for a period: its ledger rows in the order they were written, each
 * hashed onto the one before, the opening balance (after the last row before the period) and the
 * closing one, signed by the API's statement key. Readable by whoever may read the wallet.
 */
export async function buildStatement(
  db: Reader,
  scope: Scope,
  request: StatementRequest,
  context: { issuer: string; signer: StatementSigner; now: string },
): Promise<Result<SignedStatement, 'not_found' | 'validation'>> {
  if (request.to < request.from) return refuse('validation', 'must not be before from', 'to');
  const days = (Date.parse(request.to) - Date.parse(request.from)) / 86_400_000 + 1;
  if (days > MAX_DAYS) return refuse('validation', `a statement covers at most ${MAX_DAYS} days`, 'to');
  return attempt(['not_found'], async () => {
    const wallet = await findWallet(db, scope, request.walletId);
    const customer = await findCustomer(db, scope, wallet.customer_id);
    const reseller = await db
      .selectFrom('resellers')
      .select('name')
      .where('id', '=', scope.resellerId)
      .executeTakeFirstOrThrow();
    const start = `${request.from}T00:00:00.000Z`;
    const end = nextDay(request.to);
    const before = await db
      .selectFrom('ledger_entries')
      .select('balance_after')
      .where('wallet_id', '=', wallet.id)
      .where('created_at', '<', start)
      .orderBy('wallet_version', 'desc')
      .limit(1)
      .executeTakeFirst();
    const rows = await db
      .selectFrom('ledger_entries')
      .select(['id', 'created_at', 'type', 'description', 'reference', 'amount', 'balance_after'])
      .where('wallet_id', '=', wallet.id)
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      .orderBy('wallet_version', 'asc')
      .execute();
    const openingBalance = before?.balance_after ?? 0;
    const header: StatementHeader = {
      issuer: context.issuer,
      resellerName: reseller.name,
      walletId: wallet.id,
      customerId: customer.id,
      customerName: customer.name,
      currency: wallet.currency,
      from: request.from,
      to: request.to,
      openingBalance,
      closingBalance: rows.at(-1)?.balance_after ?? openingBalance,
      generatedAt: context.now,
      keyId: context.signer.key.keyId,
    };
    const chained = await chainStatement(
      header,
      rows.map((r) => ({
        id: r.id,
        createdAt: r.created_at,
        type: r.type,
        description: r.description,
        reference: r.reference,
        amount: r.amount,
        balanceAfter: r.balance_after,
      })),
    );
    return {
      format: STATEMENT_FORMAT,
      header,
      rows: chained.rows,
      finalHash: chained.finalHash,
      signature: context.signer.sign(chained.finalHash),
    } satisfies SignedStatement;
  });
}

/**
 * The wordings of a statement's rows the server wrote itself (by row id), for a PDF in another
 * language than the rows' English descriptions: read from each row's wording, or back from the
 * English of a row written before rows carried one. Not part of the signed statement: its rows keep
 * their descriptions, word for word, under their hashes.
 */
export async function statementWordings(
  db: Reader,
  statement: SignedStatement,
): Promise<Map<string, LedgerWording>> {
  const wordings = new Map<string, LedgerWording>();
  const ids = statement.rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('ledger_entries')
      .select(['id', 'type', 'description', 'reference', 'related_id', 'wording'])
      .where('wallet_id', '=', statement.header.walletId)
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      const stored = row.wording ? ledgerWordingSchema.safeParse(JSON.parse(row.wording)) : null;
      const wording = stored?.success
        ? stored.data
        : wordingOfOlderRow({
            type: row.type,
            description: row.description,
            reference: row.reference,
            relatedId: row.related_id,
          });
      if (wording) wordings.set(row.id, wording);
    }
  }
  return wordings;
}

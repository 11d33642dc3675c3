/**
 * Tamper-evident wallet statements (issue 13). A statement is a header and the wallet's ledger rows
 * for a period; every row carries a hash chained to the one before it, the header starts the chain,
 * and the billing API signs the last hash with Ed25519 (its public keys are published at
 * `GET /.well-known/statement-keys`). Changing, removing or re-ordering anything breaks the chain;
 * a chain rebuilt by someone else carries a signature no published key verifies.
 *
 * Pure and platform-neutral (WebCrypto: Node, Electron and the browser alike), so the API that
 * signs, the console and `npm run verify-statement` that check all run this one definition.
 */
import { z } from 'zod';
import { currencySchema } from '../api/common.js';
import { transactionTypeSchema } from '../api/wallets.js';
import { isCurrency, toDecimalString } from '../money.js';

export const STATEMENT_FORMAT = 'reseller-console-statement/1';

export const statementHeaderSchema = z.strictObject({
  /** The billing API that issued it (its /.well-known/statement-keys vouches for the signature). */
  issuer: z.string(),
  resellerName: z.string(),
  walletId: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  currency: currencySchema,
  /** First and last UTC day of the period, inclusive (YYYY-MM-DD). */
  from: z.string(),
  to: z.string(),
  /** Minor units: the balance before the first day, and after the last. */
  openingBalance: z.int(),
  closingBalance: z.int(),
  generatedAt: z.string(),
  keyId: z.string(),
});
export type StatementHeader = z.infer<typeof statementHeaderSchema>;

export const statementRowSchema = z.strictObject({
  id: z.string(),
  createdAt: z.string(),
  type: transactionTypeSchema,
  description: z.string(),
  reference: z.string().nullable(),
  amount: z.int(),
  balanceAfter: z.int(),
  /** SHA-256 (hex) of the previous hash and this row's contents. */
  hash: z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be 64 hex digits' }),
});
export type StatementRow = z.infer<typeof statementRowSchema>;

export const signedStatementSchema = z.strictObject({
  format: z.literal(STATEMENT_FORMAT),
  header: statementHeaderSchema,
  rows: z.array(statementRowSchema),
  finalHash: z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be 64 hex digits' }),
  /** Ed25519 over the UTF-8 bytes of `finalHash`, base64url. */
  signature: z.string(),
});
export type SignedStatement = z.infer<typeof signedStatementSchema>;

export interface StatementKey {
  keyId: string;
  /** The raw 32-byte Ed25519 public key, base64url. */
  publicKey: string;
}

const rowRef = { row: z.int().min(1), id: z.string() };

/**
 * What is wrong with a statement, by kind, with the row it concerns (1-based) where there is one.
 * Each reader words them in its own language (the console, the CLI: statementProblemInEnglish).
 */
export const statementProblemSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('unreadable'), where: z.string(), reason: z.string() }),
  /** Its hash does not follow: it (or, for the first row, the header) changed, or a row before it went. */
  z.object({ code: z.literal('row_changed'), ...rowRef, first: z.boolean() }),
  /** Its balance after does not follow from the row before: a row is missing or moved. */
  z.object({ code: z.literal('row_out_of_order'), ...rowRef }),
  /** CSV: the decimal amounts people read differ from the minor units signed. */
  z.object({ code: z.literal('shown_amounts_differ'), ...rowRef }),
  z.object({ code: z.literal('closing_balance') }),
  z.object({ code: z.literal('final_hash') }),
  z.object({ code: z.literal('unknown_key'), keyId: z.string() }),
  z.object({ code: z.literal('bad_signature') }),
]);
export type StatementProblem = z.infer<typeof statementProblemSchema>;

export interface StatementVerdict {
  /** Every hash follows from the header and the rows, and the balances add up. */
  intact: boolean;
  /** Signed by one of the keys the issuer publishes. */
  genuine: boolean;
  /** What is wrong; empty for an intact, genuine statement. */
  problems: StatementProblem[];
}

/** A problem in English, as `npm run verify-statement` prints it. */
export function statementProblemInEnglish(p: StatementProblem): string {
  const n = 'row' in p ? `row ${p.row} (${p.id})` : '';
  switch (p.code) {
    case 'unreadable':
      return `not a readable statement: ${p.where} ${p.reason}`;
    case 'row_changed':
      return p.first
        ? `${n} does not match its hash: it or the header was changed, or a row before it was removed`
        : `${n} does not match its hash: it was changed, or a row before it was removed or moved`;
    case 'row_out_of_order':
      return `${n}: the balance after it does not follow from the row before (a row is missing or moved)`;
    case 'shown_amounts_differ':
      return `${n}: the amounts shown differ from the amounts signed`;
    case 'closing_balance':
      return 'the closing balance does not follow from the rows';
    case 'final_hash':
      return 'the final hash is not the last row’s hash';
    case 'unknown_key':
      return `signed with key ${p.keyId}, which the issuer does not publish`;
    case 'bad_signature':
      return 'the signature does not verify with the issuer’s key: the statement was not signed as it is';
  }
}

const encoder = new TextEncoder();

async function sha256(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The header's place in the chain: every field, in a fixed order. */
function headerText(h: StatementHeader): string {
  return `${STATEMENT_FORMAT}\n${JSON.stringify([
    h.issuer,
    h.resellerName,
    h.walletId,
    h.customerId,
    h.customerName,
    h.currency,
    h.from,
    h.to,
    h.openingBalance,
    h.closingBalance,
    h.generatedAt,
    h.keyId,
  ])}`;
}

function rowText(previous: string, r: Omit<StatementRow, 'hash'>): string {
  return `${previous}\n${JSON.stringify([r.id, r.createdAt, r.type, r.description, r.reference, r.amount, r.balanceAfter])}`;
}

/** The rows with their chained hashes, and the last hash (the header's when there is no row). */
export async function chainStatement(
  header: StatementHeader,
  rows: Array<Omit<StatementRow, 'hash'>>,
): Promise<{ rows: StatementRow[]; finalHash: string }> {
  let previous = await sha256(headerText(header));
  const hashed: StatementRow[] = [];
  for (const row of rows) {
    previous = await sha256(rowText(previous, row));
    hashed.push({ ...row, hash: previous });
  }
  return { rows: hashed, finalHash: previous };
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function signatureHolds(statement: SignedStatement, key: StatementKey): Promise<boolean> {
  try {
    const publicKey = await globalThis.crypto.subtle.importKey(
      'raw',
      fromBase64Url(key.publicKey),
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    return await globalThis.crypto.subtle.verify(
      { name: 'Ed25519' },
      publicKey,
      fromBase64Url(statement.signature),
      encoder.encode(statement.finalHash),
    );
  } catch {
    return false;
  }
}

/** Checks a statement (already read from its file) against the issuer's published keys. */
export async function verifyStatement(input: unknown, keys: StatementKey[]): Promise<StatementVerdict> {
  const parsed = signedStatementSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.') || 'the file';
    return {
      intact: false,
      genuine: false,
      problems: [{ code: 'unreadable', where, reason: issue.message }],
    };
  }
  const statement = parsed.data;
  const { header, rows } = statement;
  const problems: StatementProblem[] = [];

  let previous = await sha256(headerText(header));
  let balance = header.openingBalance;
  for (const [i, row] of rows.entries()) {
    const at = { row: i + 1, id: row.id };
    const { hash, ...contents } = row;
    const expected = await sha256(rowText(previous, contents));
    if (expected !== hash) problems.push({ code: 'row_changed', ...at, first: i === 0 });
    if (row.balanceAfter !== balance + row.amount) problems.push({ code: 'row_out_of_order', ...at });
    balance = row.balanceAfter;
    previous = hash;
  }
  if (balance !== header.closingBalance) problems.push({ code: 'closing_balance' });
  if (previous !== statement.finalHash) problems.push({ code: 'final_hash' });
  const intact = problems.length === 0;

  const key = keys.find((k) => k.keyId === header.keyId);
  const genuine = key !== undefined && (await signatureHolds(statement, key));
  if (!key) problems.push({ code: 'unknown_key', keyId: header.keyId });
  else if (!genuine) problems.push({ code: 'bad_signature' });
  return { intact, genuine: intact && genuine, problems };
}

/**
 * A statement as CSV, cell by cell: the header as label/value lines, the rows under their column
 * names, then the final hash and the signature. Amounts are given twice: in minor units (what is
 * hashed) and as a decimal for people, which must agree. The server writes it with csv-stringify
 * and the verifiers read it with csv-parse; both follow these records.
 */
export const STATEMENT_CSV_COLUMNS = [
  'created_at',
  'id',
  'type',
  'description',
  'reference',
  'amount',
  'balance_after',
  'amount_minor',
  'balance_after_minor',
  'hash',
] as const;

export function statementCsvRecords(s: SignedStatement): string[][] {
  const h = s.header;
  const decimal = (minor: number) => toDecimalString(minor, h.currency);
  return [
    ['Format', s.format],
    ['Issuer', h.issuer],
    ['Reseller', h.resellerName],
    ['Wallet', h.walletId],
    ['Customer', h.customerId, h.customerName],
    ['Currency', h.currency],
    ['From', h.from],
    ['To', h.to],
    ['Opening balance', String(h.openingBalance), decimal(h.openingBalance)],
    ['Closing balance', String(h.closingBalance), decimal(h.closingBalance)],
    ['Generated at', h.generatedAt],
    ['Key', h.keyId],
    [...STATEMENT_CSV_COLUMNS],
    ...s.rows.map((r) => [
      r.createdAt,
      r.id,
      r.type,
      r.description,
      r.reference ?? '',
      decimal(r.amount),
      decimal(r.balanceAfter),
      String(r.amount),
      String(r.balanceAfter),
      r.hash,
    ]),
    ['Final hash', s.finalHash],
    ['Signature', s.signature],
  ];
}

/**
 * The statement the CSV records hold (the inverse of statementCsvRecords), for `verifyStatement`
 * to check; throws naming what is missing. A decimal amount that disagrees with its minor units is
 * reported too: people read the decimals, the chain covers the minor units.
 */
export function statementFromCsvRecords(records: string[][]): {
  statement: unknown;
  mismatches: StatementProblem[];
} {
  const at = records.findIndex((r) => r[0] === STATEMENT_CSV_COLUMNS[0]);
  const end = records.findIndex((r) => r[0] === 'Final hash');
  if (at < 0 || end < at) throw new Error('not a statement: no rows section (created_at … Final hash)');
  const label = new Map(records.slice(0, at).map((r) => [r[0], r.slice(1)]));
  const trailer = new Map(records.slice(end).map((r) => [r[0], r[1]]));
  const value = (key: string, i = 0) => label.get(key)?.[i] ?? '';
  const int = (text: string) => (/^-?\d+$/.test(text) ? Number(text) : NaN);
  const currency = value('Currency');
  const mismatches: StatementProblem[] = [];
  const rows = records.slice(at + 1, end).map((r, i) => {
    const [createdAt, id, type, description, reference, amount, balance, amountMinor, balanceMinor, hash] = r;
    const row = {
      id,
      createdAt,
      type,
      description,
      reference: reference === '' ? null : reference,
      amount: int(amountMinor ?? ''),
      balanceAfter: int(balanceMinor ?? ''),
      hash,
    };
    if (isCurrency(currency) && Number.isInteger(row.amount) && Number.isInteger(row.balanceAfter)) {
      if (
        amount !== toDecimalString(row.amount, currency) ||
        balance !== toDecimalString(row.balanceAfter, currency)
      )
        mismatches.push({ code: 'shown_amounts_differ', row: i + 1, id: id ?? '' });
    }
    return row;
  });
  return {
    statement: {
      format: value('Format'),
      header: {
        issuer: value('Issuer'),
        resellerName: value('Reseller'),
        walletId: value('Wallet'),
        customerId: value('Customer'),
        customerName: value('Customer', 1),
        currency,
        from: value('From'),
        to: value('To'),
        openingBalance: int(value('Opening balance')),
        closingBalance: int(value('Closing balance')),
        generatedAt: value('Generated at'),
        keyId: value('Key'),
      },
      rows,
      finalHash: trailer.get('Final hash') ?? '',
      signature: trailer.get('Signature') ?? '',
    },
    mismatches,
  };
}

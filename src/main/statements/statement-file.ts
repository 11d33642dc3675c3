import { inflateSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { statementFromCsvRecords, type StatementProblem } from '../../shared/statements/statement.js';

export interface ReadStatement {
  kind: 'pdf' | 'csv' | 'json';
  /** The statement as the file holds it, for `verifyStatement` to check. */
  statement: unknown;
  /** Differences between what the file shows people and what was signed (CSV decimals). */
  mismatches: StatementProblem[];
}

/**
 * Reads a statement file as the API issues it: JSON, CSV, or a PDF carrying the signed statement
 * as its `statement.json` attachment. Throws with a reason when the file is none of these.
 */
export function readStatementFile(bytes: Buffer): ReadStatement {
  const head = bytes.subarray(0, 5).toString('latin1');
  if (head === '%PDF-') return { kind: 'pdf', statement: JSON.parse(pdfAttachment(bytes)), mismatches: [] };
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trimStart().startsWith('{')) return { kind: 'json', statement: JSON.parse(text), mismatches: [] };
  const records = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  return { kind: 'csv', ...statementFromCsvRecords(records) };
}

/** The embedded file of a statement PDF (its one EmbeddedFile stream, Flate-compressed or not). */
function pdfAttachment(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  const at = text.indexOf('/Type /EmbeddedFile');
  if (at < 0) throw new Error('this PDF carries no signed statement (no embedded statement.json)');
  const objectStart = text.lastIndexOf(' obj', at);
  const streamAt = text.indexOf('stream', at);
  const dictionary = text.slice(objectStart, streamAt);
  const length = Number(/\/Length (\d+)/.exec(dictionary)?.[1] ?? NaN);
  let start = streamAt + 'stream'.length;
  if (text[start] === '\r') start++;
  if (text[start] === '\n') start++;
  if (!Number.isInteger(length)) throw new Error('this PDF’s statement attachment has no length');
  const raw = bytes.subarray(start, start + length);
  return (dictionary.includes('/FlateDecode') ? inflateSync(raw) : raw).toString('utf8');
}

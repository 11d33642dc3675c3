/**
 * `npm run verify-statement FILE [--api URL]`: says whether a wallet statement (PDF, CSV or JSON, as
 * the billing API issues it) is intact — nothing changed, removed or moved — and genuine — signed
 * by a key the issuing API publishes at /.well-known/statement-keys. The issuer named inside the
 * file is asked unless --api names the API to trust. Exit status 0 only for intact and genuine.
 */
import { readFileSync } from 'node:fs';
import {
  statementProblemInEnglish,
  verifyStatement,
  type StatementKey,
} from '../../shared/statements/statement.js';
import { readStatementFile } from './statement-file.js';

async function main(argv: string[]): Promise<number> {
  const file = argv.find((a) => !a.startsWith('--'));
  const apiFlag = argv.indexOf('--api');
  if (!file) {
    console.error(
      'usage: npm run verify-statement <statement.pdf|.csv|.json> [--api https://billing.example]',
    );
    return 2;
  }
  const read = readStatementFile(readFileSync(file));
  const issuer =
    apiFlag >= 0 ? argv[apiFlag + 1] : (read.statement as { header?: { issuer?: string } }).header?.issuer;
  if (!issuer) {
    console.error('the statement names no issuer: pass --api <billing API URL>');
    return 2;
  }
  const response = await fetch(new URL('/.well-known/statement-keys', issuer));
  if (!response.ok) throw new Error(`${issuer} answered ${response.status} for its statement keys`);
  const { keys } = (await response.json()) as { keys: StatementKey[] };
  const verdict = await verifyStatement(read.statement, keys);
  const problems = [...read.mismatches, ...verdict.problems];
  const good = verdict.intact && verdict.genuine && read.mismatches.length === 0;
  console.log(
    good
      ? `✔ ${file}: intact and genuine — signed by ${issuer}`
      : `✘ ${file}: ${verdict.intact ? 'intact' : 'NOT intact'}, ${verdict.genuine ? 'genuine' : 'NOT genuine'} (keys of ${issuer})`,
  );
  for (const problem of problems) console.log(`  - ${statementProblemInEnglish(problem)}`);
  return good ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`verify-statement: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);

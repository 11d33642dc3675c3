import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, key, seedReseller, startApi, type TestApi } from '../../support/api.js';
import { ok } from '../../support/tenants.js';

const run = promisify(execFile);
const CLI = ['--import', 'tsx', 'src/main/statements/verify-statement-cli.ts'];

/** `npm run verify-statement FILE`: what an accountant runs on a statement a customer sent them. */
describe('npm run verify-statement', () => {
  let api: TestApi;
  let dir: string;
  let pdf: Buffer;

  beforeAll(async () => {
    api = await startApi('sqlite', { listen: true });
    dir = mkdtempSync(join(tmpdir(), 'statement-cli-'));
    const { admin } = await seedReseller(api.app);
    const customer = await ok(
      call(api.app, 'POST', '/v1/customers', {
        token: admin,
        body: { name: 'Ada', email: 'ada@example.com' },
      }),
    );
    const wallet = await ok(
      call(api.app, 'POST', `/v1/customers/${customer.id}/wallets`, {
        token: admin,
        body: { currency: 'EUR', initialBalance: 5_000 },
        key: key('wallet'),
      }),
    );
    await ok(
      call(api.app, 'POST', `/v1/wallets/${wallet.id}/debits`, {
        token: admin,
        key: key(),
        body: { amount: 1_234, description: 'Proxy order' },
      }),
    );
    const today = new Date().toISOString().slice(0, 10);
    const response = await fetch(
      `${api.baseUrl}/v1/wallets/${wallet.id}/statement.pdf?from=${today}&to=${today}`,
      {
        headers: { authorization: `Bearer ${admin}` },
      },
    );
    pdf = Buffer.from(await response.arrayBuffer());
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says a PDF statement is intact and genuine, asking the API named inside it for its keys', async () => {
    const file = join(dir, 'statement.pdf');
    writeFileSync(file, pdf);
    const { stdout } = await run(process.execPath, [...CLI, file]);
    expect(stdout).toContain(`intact and genuine — signed by ${api.baseUrl}`);
  });

  it('exits 1 and says what is wrong with a statement whose amount was changed', async () => {
    const { readStatementFile } = await import('../../../src/main/statements/statement-file.js');
    const statement = readStatementFile(pdf).statement as { rows: Array<{ amount: number }> };
    statement.rows[1]!.amount = -34;
    const file = join(dir, 'edited.json');
    writeFileSync(file, JSON.stringify(statement));
    const failed = await run(process.execPath, [...CLI, file]).then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toMatch(/NOT intact/);
    expect(failed?.stdout).toMatch(/row 2 .* does not match its hash/);
  });
});

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './secrets.js';

const run = promisify(execFile);

describe('password hashes', () => {
  it('verify the right password only, at the cost the hash records', async () => {
    const stored = await hashPassword('correct horse');
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct hors', stored)).toBe(false);
    expect(await verifyPassword('correct horse', 'plain$text')).toBe(false);
  });

  it('cost 32 MiB (N = 2^15) outside the test runner', async () => {
    const module = fileURLToPath(new URL('./secrets.ts', import.meta.url));
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import(${JSON.stringify(module)}).then(async (m) => console.log(await m.hashPassword('x')))`,
      ],
      { env: { ...process.env, VITEST: '' } },
    );
    expect(stdout.trim()).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
  });
});

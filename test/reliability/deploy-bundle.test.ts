/**
 * What deploy/Dockerfile ships, checked without Docker (no daemon on the build machines): the bundle
 * scripts/build-api.sh makes imports only Node's modules and production dependencies, and it runs
 * with plain `node` (no tsx): it starts, migrates and says it is ready.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/ready-process.js';
import { http } from '../support/http.js';

const folder = mkdtempSync(join(tmpdir(), 'bundle-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the API bundle the image runs', () => {
  it('imports production dependencies only, and runs with plain node', async () => {
    const built = spawnSync('sh', ['scripts/build-api.sh'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    const bundle = readFileSync(join(REPO_ROOT, 'out/api/server.mjs'), 'utf8');
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const packages = new Set(
      [...bundle.matchAll(/^import\s(?:[^;]*?\sfrom\s)?"([^"]+)"/gm)]
        .map((m) => m[1]!)
        .filter((name) => !name.startsWith('node:'))
        .map((name) => (name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!)),
    );
    expect(packages.size).toBeGreaterThan(0);
    for (const name of packages) expect(manifest.dependencies, name).toHaveProperty(name);

    const child = spawn(process.execPath, [join(REPO_ROOT, 'out/api/server.mjs')], {
      cwd: folder,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_URL: `sqlite:${join(folder, 'b.sqlite')}`,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          if (line.startsWith('READY ')) resolve(line.slice('READY '.length));
        });
        void exited.then((code) => reject(new Error(`the bundle exited (${code}) before it was ready`)));
      });
      const ready = await http(url, 'GET', '/readyz');
      expect(ready.status, JSON.stringify(ready.body)).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A folder of worker bundles built from these same sources for a test run (test/support/built-entries.ts
 * names it here). A desktop core the tests start in their own process runs from source; without the
 * bundles each of its workers spent seconds of CPU compiling its TypeScript (the embedded API's alone
 * is the whole server) on a machine the other tests share.
 */
const BUILT_WORKERS_VARIABLE = 'RC_TEST_BUILT_ENTRIES';

/**
 * Starts the worker `name` that sits beside the module at `besideUrl` (pass `import.meta.url`). The
 * built app has `name.js` beside its main bundle (electron.vite.config.ts, scripts/build-targets.mjs).
 * Run from source (tsx, tests), the worker first registers tsx's loader, which a worker thread does
 * not inherit on Node 20, and then loads the TypeScript entry. `workerData` reaches it as such.
 */
export function spawnModuleWorker(besideUrl: string, name: string, workerData?: unknown): Worker {
  const built = builtWorker(besideUrl, name);
  if (built) return new Worker(built, { workerData });
  const tsxApi = createRequire(import.meta.url).resolve('tsx/esm/api');
  // The package's ESM entry (its `import` condition) sits beside the CommonJS one require resolves.
  const loader = pathToFileURL(tsxApi.replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL(`./${name}.ts`, besideUrl).href;
  return new Worker(
    `import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, workerData },
  );
}

function builtWorker(besideUrl: string, name: string): URL | null {
  const beside = new URL(`./${name}.js`, besideUrl);
  if (existsSync(fileURLToPath(beside))) return beside;
  const folder = process.env[BUILT_WORKERS_VARIABLE];
  const bundled = folder ? join(folder, `${name}.js`) : null;
  return bundled && existsSync(bundled) ? pathToFileURL(bundled) : null;
}

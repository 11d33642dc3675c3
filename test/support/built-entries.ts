/**
 * The two programs tests run as child processes, the billing API (src/server/server.ts) and the
 * desktop core (src/main/start.ts), bundled once per test run with esbuild, as `npm start` and the
 * API image run them. Started through tsx instead, every child spent about three seconds of CPU
 * resolving and compiling several hundred TypeScript modules before it served, and a run starts
 * a few hundred children.
 *
 * The test run's global setup builds them and names the folder in RC_TEST_BUILT_ENTRIES, which the
 * test workers inherit. The desktop core's worker threads are bundled beside them: a core a test
 * starts in its own process takes them from there too (src/main/workers/module-worker.ts). Outside such a run (a benchmark, a script) children run from source
 * through tsx, as before.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { workerEntries } from '../../scripts/build-targets.mjs';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FOLDER_VARIABLE = 'RC_TEST_BUILT_ENTRIES';

/** Source entry → bundle name. The workers sit beside the core, where workers/module-worker.ts looks. */
const ENTRIES = {
  server: 'src/server/server.ts',
  start: 'src/main/start.ts',
  ...workerEntries,
};

/** Packages left out of the bundles (see buildEntries). */
const KEPT_OUTSIDE = [
  'better-sqlite3',
  'pdfkit',
  'dejavu-fonts-ttf',
  'electron',
  'pg-native',
  'bufferutil',
  'utf-8-validate',
  'tsx',
];

/** tsx's loader as a file URL, so that a child started in any working directory can use it. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * Bundles the entries into a new folder under out/ (inside the repository, so that the bundles'
 * package imports resolve from its node_modules), exports its path to this process's environment
 * for the workers, and returns how to remove it.
 */
export async function buildEntries(): Promise<() => Promise<void>> {
  const { build } = await import('esbuild');
  await mkdir(join(REPO_ROOT, 'out'), { recursive: true });
  const outdir = await mkdtemp(join(REPO_ROOT, 'out', 'test-entries-'));
  await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: ENTRIES,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The packages go into the bundles too: resolving and loading them file by file was a third of
    // a started API's CPU before it served (1.8 s of CPU to READY, 1.3 s bundled), and a run starts
    // hundreds. Those that read files beside their own code (pdfkit's font metrics), load native
    // code or are optional stay outside, resolved from node_modules as usual.
    external: KEPT_OUTSIDE,
    // CommonJS packages bundled into ESM still call require() for Node's built-ins.
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
    },
    target: 'node20',
    // Stack traces still name the source lines; without the sources' text the map is a third the size
    // and a child reads it faster at start.
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
  });
  process.env[FOLDER_VARIABLE] = outdir;
  return async () => {
    delete process.env[FOLDER_VARIABLE];
    await rm(outdir, { recursive: true, force: true });
  };
}

/**
 * Node's arguments that run `entry` (an absolute path to one of the TypeScript entries): its bundle
 * when this run built one, else the source through tsx.
 */
export function nodeArguments(entry: string): string[] {
  const folder = process.env[FOLDER_VARIABLE];
  const name = Object.entries(ENTRIES).find(([, source]) => join(REPO_ROOT, source) === entry)?.[0];
  if (folder && name) return ['--enable-source-maps', join(folder, `${name}.js`)];
  return ['--import', TSX_LOADER, entry];
}

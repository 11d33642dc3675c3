// What `npm start` builds, and how (scripts/start.mjs); benchmarks that serve the renderer build
// it the same way, with the same stamp, so they measure the sources as they are.
import { rmSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..');
const shared = [
  'package-lock.json',
  'tsconfig.json',
  'scripts/start.mjs',
  'scripts/build-stamp.mjs',
  'scripts/build-targets.mjs',
];

/**
 * The main process's worker threads, each a bundle of its own beside the main one, where
 * src/main/workers/module-worker.ts starts it from. Every build of the main process (this one,
 * electron.vite.config.ts, the tests' bundles) takes its workers from here.
 */
export const workerEntries = {
  'feed-worker': 'src/main/sync/feed-worker.ts',
  'embedded-worker': 'src/main/session/embedded-worker.ts',
  'checkpoint-worker': 'src/main/cache/checkpoint-worker.ts',
};

export const targets = [
  {
    name: 'renderer',
    inputs: ['src/renderer', 'src/shared', 'vite.config.ts', ...shared],
    output: 'out/renderer/index.html',
    stamp: 'out/renderer/.inputs.json',
    build: buildRenderer,
  },
  {
    name: 'core',
    // Main's notifications word a payment's reason from the renderer's top-up catalog (failure-words.ts).
    inputs: [
      'src/main',
      'src/server',
      'src/shared',
      'src/renderer/i18n/en/top-up.json',
      'src/renderer/i18n/vi/top-up.json',
      ...shared,
    ],
    output: 'out/core/start.js',
    stamp: 'out/core/.inputs.json',
    build: buildCore,
  },
];

const announce = (name) => console.log(`Building the ${name} (its sources changed since the last start)…`);

async function buildRenderer() {
  announce('renderer');
  await buildRendererForProduction();
}

/**
 * Builds the renderer for production, into `outDir` (default: vite.config.ts's, out/renderer).
 * Vite keeps a NODE_ENV it finds, and under vitest (an end-to-end test or benchmark building the
 * renderer it serves) that is `test`: React came out as its development build, twice the size and
 * slower, and the stamp then served it to every later `npm start`. NODE_ENV is `production` for
 * the build, then as it was.
 */
export async function buildRendererForProduction(outDir) {
  const { build } = await import('vite');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'warn',
      ...(outDir ? { build: { outDir, emptyOutDir: true } } : {}),
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

async function buildCore() {
  announce('core');
  // Chunk names carry a content hash: start from an empty folder so old chunks do not pile up.
  rmSync(join(root, 'out/core'), { recursive: true, force: true });
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: root,
    entryPoints: { start: 'src/main/start.ts', ...workerEntries },
    outdir: 'out/core',
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The embedded billing API is imported only when the demo needs it (session/embedded-api.ts):
    // its own chunk, not loaded at all for a console signed in to a hosted API.
    splitting: true,
    packages: 'external',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
}

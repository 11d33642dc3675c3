// `npm start`: build only what changed since the last start, then run the compiled desktop core.
//
// The renderer (vite) and the core (esbuild: src/main + src/server + src/shared, packages external)
// are each rebuilt only when one of their inputs changed (scripts/build-stamp.mjs: a hash of their
// contents, with a quick check of sizes and times first). A start with nothing changed runs plain
// `node` on out/core/start.js, with no bundler and no TypeScript compiler loaded.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfChanged } from './build-stamp.mjs';

const root = join(import.meta.dirname, '..');
const shared = ['package-lock.json', 'tsconfig.json', 'scripts/start.mjs', 'scripts/build-stamp.mjs'];

const targets = [
  {
    name: 'renderer',
    inputs: ['src/renderer', 'src/shared', 'vite.config.ts', ...shared],
    output: 'out/renderer/index.html',
    stamp: 'out/renderer/.inputs.json',
    build: buildRenderer,
  },
  {
    name: 'core',
    inputs: ['src/main', 'src/server', 'src/shared', ...shared],
    output: 'out/core/start.js',
    stamp: 'out/core/.inputs.json',
    build: buildCore,
  },
];

const announce = (name) => console.log(`Building the ${name} (its sources changed since the last start)…`);

async function buildRenderer() {
  announce('renderer');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}

async function buildCore() {
  announce('core');
  // Chunk names carry a content hash: start from an empty folder so old chunks do not pile up.
  rmSync(join(root, 'out/core'), { recursive: true, force: true });
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: root,
    // The feed worker is its own entry: sync/feed-reader.ts starts feed-worker.js beside the bundle.
    entryPoints: { start: 'src/main/start.ts', 'feed-worker': 'src/main/sync/feed-worker.ts' },
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

for (const target of targets) await buildIfChanged(root, target);

process.chdir(root);
await import(pathToFileURL(join(root, 'out/core/start.js')).href);

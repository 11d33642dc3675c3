// `npm start`: build only what changed since the last start, then run the compiled desktop core.
//
// The renderer (vite) and the core (esbuild: src/main + src/server + src/shared, packages external)
// are each rebuilt only when one of their inputs changed: a stamp of every input's path, size and
// modification time is kept beside each build. A start with nothing changed runs plain `node` on
// out/core/start.js, with no bundler and no TypeScript compiler loaded.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const shared = ['package-lock.json', 'tsconfig.json', 'scripts/start.mjs'];

const targets = [
  {
    name: 'renderer',
    inputs: ['src/renderer', 'src/shared', 'vite.config.ts', ...shared],
    output: 'out/renderer/index.html',
    stamp: 'out/renderer/.inputs',
    build: buildRenderer,
  },
  {
    name: 'core',
    inputs: ['src/main', 'src/server', 'src/shared', ...shared],
    output: 'out/core/start.js',
    stamp: 'out/core/.inputs',
    build: buildCore,
  },
];

/** Every file under `path` (tests excluded: they never reach a build). */
function files(path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !entry.name.includes('.test.'))
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .sort();
}

function fingerprint(inputs) {
  const hash = createHash('sha256');
  for (const path of inputs.flatMap(files)) {
    const { size, mtimeMs } = statSync(join(root, path));
    hash.update(`${path}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex');
}

async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}

async function buildCore() {
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: root,
    // The feed worker is its own entry: sync/feed-reader.ts starts feed-worker.js beside the bundle.
    entryPoints: { start: 'src/main/start.ts', 'feed-worker': 'src/main/sync/feed-worker.ts' },
    outdir: 'out/core',
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
}

for (const target of targets) {
  const print = fingerprint(target.inputs);
  const stampPath = join(root, target.stamp);
  const fresh =
    existsSync(join(root, target.output)) &&
    existsSync(stampPath) &&
    readFileSync(stampPath, 'utf8') === print;
  if (fresh) continue;
  console.log(`Building the ${target.name} (its sources changed since the last start)…`);
  await target.build();
  writeFileSync(stampPath, print);
}

process.chdir(root);
await import(pathToFileURL(join(root, 'out/core/start.js')).href);

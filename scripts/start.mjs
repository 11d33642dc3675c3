// `npm start`: build only what changed since the last start, then run the compiled desktop core.
//
// The renderer (vite) and the core (esbuild: src/main + src/server + src/shared, packages external)
// are each rebuilt only when one of their inputs changed (scripts/build-stamp.mjs: a hash of their
// contents, with a quick check of sizes and times first). A start with nothing changed runs plain
// `node` on out/core/start.js, with no bundler and no TypeScript compiler loaded.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfChanged } from './build-stamp.mjs';
import { root, targets } from './build-targets.mjs';

for (const target of targets) await buildIfChanged(root, target);

process.chdir(root);
await import(pathToFileURL(join(root, 'out/core/start.js')).href);

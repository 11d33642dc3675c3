// Whether a build's output is still what its inputs would build, for `npm start` (scripts/start.mjs).
//
// The truth is a SHA-256 of every input file's path and content. Reading every file on each start
// costs more than the rest of the check, so the stamp also keeps a quick print of paths, sizes and
// modification times: when that matches, nothing was touched and no file is read. When it does not
// (an edit, a checkout, a fresh clone), the contents decide: a file touched but unchanged (git
// switching branches and back) costs a hash, not a rebuild.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under each input path, relative to `root`, sorted (tests excluded: they never reach a build). */
export function inputFiles(root, inputs) {
  return inputs
    .flatMap((path) => {
      const full = join(root, path);
      if (!existsSync(full)) return [];
      if (!statSync(full).isDirectory()) return [path];
      return readdirSync(full, { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile() && !entry.name.includes('.test.'))
        .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1));
    })
    .sort();
}

/** Paths, sizes and modification times: cheap, and changes whenever a file is touched. */
function quickPrint(root, files) {
  const hash = createHash('sha256');
  for (const path of files) {
    const { size, mtimeMs } = statSync(join(root, path));
    hash.update(`${path}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Paths and contents: what the build actually depends on. */
export function contentPrint(root, files) {
  const hash = createHash('sha256');
  for (const path of files) {
    hash.update(`${path}\0`);
    hash.update(readFileSync(join(root, path)));
    hash.update('\n');
  }
  return hash.digest('hex');
}

function readStamp(path) {
  try {
    const stamp = JSON.parse(readFileSync(path, 'utf8'));
    return typeof stamp?.content === 'string' && typeof stamp?.quick === 'string' ? stamp : null;
  } catch {
    return null; // none yet, or from an older start script: build
  }
}

/**
 * Runs `target.build()` unless `target.output` exists and the stamp says its inputs are unchanged;
 * records the new stamp after a build. Returns 'built' or 'fresh'.
 *
 * target: { inputs: paths relative to root, output: a file the build writes, stamp: where the
 * stamp is kept (inside the build's output folder, so removing the output removes the stamp),
 * build: async () => void }
 */
export async function buildIfChanged(root, target) {
  const files = inputFiles(root, target.inputs);
  const quick = quickPrint(root, files);
  const stampPath = join(root, target.stamp);
  const stamp = existsSync(join(root, target.output)) ? readStamp(stampPath) : null;
  if (stamp?.quick === quick) return 'fresh';
  const content = contentPrint(root, files);
  if (stamp?.content === content) {
    writeFileSync(stampPath, JSON.stringify({ quick, content }));
    return 'fresh';
  }
  await target.build();
  writeFileSync(stampPath, JSON.stringify({ quick, content }));
  return 'built';
}

/**
 * `npm start` builds the renderer and the core only when their inputs changed
 * (scripts/build-stamp.mjs): a fresh checkout builds, an unchanged tree does not, an edit does, and
 * a file touched without being changed (a branch switched and back) does not.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIfChanged, type BuildTarget } from '../../../scripts/build-stamp.mjs';

let root: string;
let builds: number;
let target: BuildTarget;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'build-stamp-'));
  mkdirSync(join(root, 'src', 'deep'), { recursive: true });
  writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'src', 'deep', 'b.ts'), 'export const b = 2;\n');
  writeFileSync(join(root, 'config.ts'), 'export default {};\n');
  builds = 0;
  target = {
    inputs: ['src', 'config.ts', 'missing.json'],
    output: 'out/index.js',
    stamp: 'out/.inputs.json',
    build: async () => {
      builds++;
      mkdirSync(join(root, 'out'), { recursive: true });
      writeFileSync(join(root, 'out', 'index.js'), '// built\n');
    },
  };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Sets a file's modification time a minute later, as an editor or a checkout would. */
function touch(path: string) {
  const later = new Date(Date.now() + 60_000);
  utimesSync(join(root, path), later, later);
}

describe('buildIfChanged', () => {
  it('builds on a fresh checkout, then skips while nothing changed', async () => {
    expect(await buildIfChanged(root, target)).toBe('built');
    expect(await buildIfChanged(root, target)).toBe('fresh');
    expect(await buildIfChanged(root, target)).toBe('fresh');
    expect(builds).toBe(1);
  });

  it('rebuilds when a source changes, however deep', async () => {
    await buildIfChanged(root, target);
    writeFileSync(join(root, 'src', 'deep', 'b.ts'), 'export const b = 3;\n');
    expect(await buildIfChanged(root, target)).toBe('built');
    expect(builds).toBe(2);
  });

  it('rebuilds when a file is added, removed or a config input changes', async () => {
    await buildIfChanged(root, target);
    writeFileSync(join(root, 'src', 'c.ts'), 'export const c = 4;\n');
    expect(await buildIfChanged(root, target)).toBe('built');
    rmSync(join(root, 'src', 'c.ts'));
    expect(await buildIfChanged(root, target)).toBe('built');
    writeFileSync(join(root, 'missing.json'), '{}\n');
    expect(await buildIfChanged(root, target)).toBe('built');
    expect(builds).toBe(4);
  });

  it('does not rebuild for a file touched but unchanged (a checkout of the same content)', async () => {
    await buildIfChanged(root, target);
    touch('src/a.ts');
    expect(await buildIfChanged(root, target)).toBe('fresh');
    expect(builds).toBe(1);
  });

  it('rebuilds when an edit keeps the file size', async () => {
    await buildIfChanged(root, target);
    writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 9;\n');
    expect(await buildIfChanged(root, target)).toBe('built');
  });

  it('ignores test files, which never reach a build', async () => {
    await buildIfChanged(root, target);
    writeFileSync(join(root, 'src', 'a.test.ts'), 'it("works", () => {});\n');
    expect(await buildIfChanged(root, target)).toBe('fresh');
  });

  it('rebuilds when the output is gone, even with a matching stamp', async () => {
    await buildIfChanged(root, target);
    rmSync(join(root, 'out', 'index.js'));
    expect(await buildIfChanged(root, target)).toBe('built');
  });

  it('builds again after a failed build: the stamp is written only once a build succeeds', async () => {
    await buildIfChanged(root, target);
    writeFileSync(join(root, 'src', 'a.ts'), 'export const a = ;\n');
    const working = target.build;
    target.build = () => Promise.reject(new Error('syntax error'));
    await expect(buildIfChanged(root, target)).rejects.toThrow('syntax error');
    target.build = working;
    expect(await buildIfChanged(root, target)).toBe('built');
  });
});

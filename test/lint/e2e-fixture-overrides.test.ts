import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const E2E = fileURLToPath(new URL('../e2e/', import.meta.url));

/**
 * E2E files share their worker's modules (vitest.e2e.config.ts, isolate: false). `test.override`
 * called at a file's top level replaces the fixtures of the one shared `test` object, so it would
 * follow the worker into every file it runs next: a demo test would start signed out, or on a first
 * run. Inside a `describe` it is scoped to that suite and safe; a whole file takes `signedOutTest`.
 */
describe('e2e fixture overrides', () => {
  it('no e2e file overrides the shared fixtures at its top level', () => {
    const offenders = readdirSync(E2E)
      .filter((name) => name.endsWith('.e2e.test.ts'))
      .filter((name) => /^test\.override\(/m.test(readFileSync(join(E2E, name), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The process and layer boundaries of eslint.config.js, each shown to fire on one forbidden import and to
 * stay quiet on an allowed one. Imports name a file that exists (found by listing the layer's folder, so
 * the test survives files moving) and one that does not (the resolver must still classify it by its
 * folder). The linted files need not exist: only their path places them in a layer.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RULE = 'boundaries/dependencies';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The boundary messages ESLint reports for `import … from '<source>'` written in `file`. */
async function boundaryMessages(
  file: string,
  source: string,
): Promise<{ ruleId: string | null; message: string }[]> {
  const code = `import * as probe from '${source}';\nexport const used = probe;\n`;
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  if (!result) throw new Error(`no lint result for ${file}`);
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(fatal.map((m) => m.message).join('\n'));
  return result.messages
    .filter((m) => m.ruleId === RULE || m.message.startsWith('Resolve error'))
    .map(({ ruleId, message }) => ({ ruleId, message }));
}

/** A specifier, as written in `fromFile`, of a non-test source file that exists in the folder `dir`. */
function existingIn(dir: string, fromFile: string): string {
  const file = readdirSync(join(root, dir)).find((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
  if (!file) throw new Error(`no source file in ${dir}`);
  return specifier(join(dir, file), fromFile);
}

/** A specifier, as written in `fromFile`, of `target` (a path from the root), with the `.js` extension. */
function specifier(target: string, fromFile: string): string {
  const rel = relative(dirname(fromFile), target).replace(/\.tsx?$/, '.js');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** `source`, written in `fromFile`, after checking that it names no file: the resolver cannot find it. */
function missing(source: string, fromFile: string): string {
  expect(existsSync(join(root, dirname(fromFile), source.replace(/\.js$/, '.ts')))).toBe(false);
  return source;
}

type Case = { name: string; file: string; layer: RegExp; forbidden: () => string[]; allowed: () => string[] };

const cases: Case[] = [
  {
    name: 'renderer imports only src/shared, itself and UI packages',
    file: 'src/renderer/wallet/probe.tsx',
    layer: /^renderer \(src\/renderer\)/,
    forbidden: () => [
      existingIn('src/main/ipc', 'src/renderer/wallet/probe.tsx'),
      missing('../../server/services/never-created/probe.js', 'src/renderer/wallet/probe.tsx'),
      'node:fs',
      'electron',
      'better-sqlite3',
      'pg',
    ],
    allowed: () => [
      existingIn('src/shared', 'src/renderer/wallet/probe.tsx'),
      missing('../../shared/never-created.js', 'src/renderer/wallet/probe.tsx'),
      '../lib/tables.js',
      'react',
      '@tanstack/react-query',
    ],
  },
  {
    name: 'shared imports no platform module and no package but zod',
    file: 'src/shared/api/probe.ts',
    layer: /^shared \(src\/shared\)/,
    forbidden: () => [
      'node:crypto',
      'fs',
      'electron',
      'react',
      existingIn('src/main', 'src/shared/api/probe.ts'),
      missing('../../server/never-created.js', 'src/shared/api/probe.ts'),
    ],
    allowed: () => [
      'zod',
      existingIn('src/shared', 'src/shared/api/probe.ts'),
      missing('../never-created.js', 'src/shared/api/probe.ts'),
    ],
  },
  {
    name: 'main reaches the server only through src/server/embedded.ts',
    file: 'src/main/session/probe.ts',
    layer: /^main \(src\/main\)/,
    forbidden: () => [
      specifier('src/server/app.ts', 'src/main/session/probe.ts'),
      existingIn('src/server/services', 'src/main/session/probe.ts'),
      missing('../../server/services/never-created/deep/probe.js', 'src/main/session/probe.ts'),
    ],
    // embedded.ts is allowed whether or not it exists yet.
    allowed: () => ['../../server/embedded.js', existingIn('src/shared', 'src/main/session/probe.ts')],
  },
  {
    name: 'services never import routes nor src/server/http',
    file: 'src/server/services/wallets/probe.ts',
    layer: /^services \(src\/server\/services\)/,
    forbidden: () => [
      existingIn('src/server/routes', 'src/server/services/wallets/probe.ts'),
      existingIn('src/server/http', 'src/server/services/wallets/probe.ts'),
      missing('../../routes/never-created.js', 'src/server/services/wallets/probe.ts'),
    ],
    allowed: () => [
      existingIn('src/server/ledger', 'src/server/services/wallets/probe.ts'),
      '../result.js',
      missing('../../wire/never-created.js', 'src/server/services/wallets/probe.ts'),
    ],
  },
  {
    name: 'gateways never import src/server/payments',
    file: 'src/server/gateways/sandbox/probe.ts',
    layer: /^gateways \(src\/server\/gateways\)/,
    forbidden: () => [
      existingIn('src/server/payments', 'src/server/gateways/sandbox/probe.ts'),
      missing('../../payments/never-created.js', 'src/server/gateways/sandbox/probe.ts'),
    ],
    allowed: () => ['../provider.js', existingIn('src/shared', 'src/server/gateways/sandbox/probe.ts')],
  },
  {
    name: 'preload imports only the IPC contract and electron',
    file: 'src/preload/probe.ts',
    layer: /^preload \(src\/preload\)/,
    forbidden: () => ['../shared/money.js', '../main/index.js', 'node:path', 'react'],
    allowed: () => ['../shared/ipc-contract.js', '../shared/desktop-api.js', 'electron'],
  },
];

describe('layer boundaries (eslint-plugin-boundaries)', () => {
  describe.each(cases)('$name', ({ file, layer, forbidden, allowed }) => {
    it('reports every forbidden import, naming the layer', async () => {
      for (const source of forbidden()) {
        const messages = await boundaryMessages(file, source);
        expect(messages, `${file} → ${source}`).toHaveLength(1);
        expect(messages[0]?.ruleId).toBe(RULE);
        expect(messages[0]?.message).toMatch(layer);
      }
    });

    it('lets the allowed imports through', async () => {
      for (const source of allowed()) {
        expect(await boundaryMessages(file, source), `${file} → ${source}`).toEqual([]);
      }
    });
  });

  it('does not apply to tests, which may reach any layer', async () => {
    expect(await boundaryMessages('src/main/session/probe.test.ts', '../../server/app.js')).toEqual([]);
    expect(await boundaryMessages('src/renderer/wallet/probe.test.ts', 'node:fs')).toEqual([]);
  });
});

// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import boundaries from 'eslint-plugin-boundaries';
import { fileURLToPath } from 'node:url';

/**
 * Process and layer boundaries (docs/architecture.md). Every import of a non-test source file under src is
 * resolved to a file (eslint-import-resolver-typescript maps the `.js` specifiers to `.ts`), classified,
 * and checked against the policies below, however deep the file sits. Policies are read in order and
 * the last one that matches an import decides; anything no policy names is allowed.
 */
const layers = [
  // Folders, innermost first: a file belongs to the closest folder that names a layer.
  { type: 'routes', pattern: 'src/server/routes', partialMatch: false },
  { type: 'http', pattern: 'src/server/http', partialMatch: false },
  { type: 'services', pattern: 'src/server/services', partialMatch: false },
  { type: 'payments', pattern: 'src/server/payments', partialMatch: false },
  { type: 'gateways', pattern: 'src/server/gateways', partialMatch: false },
  { type: 'server', pattern: 'src/server', partialMatch: false },
  { type: 'shared', pattern: 'src/shared', partialMatch: false },
  { type: 'main', pattern: 'src/main', partialMatch: false },
  { type: 'preload', pattern: 'src/preload', partialMatch: false },
  { type: 'renderer', pattern: 'src/renderer', partialMatch: false },
];

/** The server's layers: main reaches none of them except through the embedded-API entry. */
const serverLayers = ['server', 'routes', 'http', 'services', 'payments', 'gateways'];

const boundaryPolicies = [
  // renderer: the React app talks to main only through the IPC contract in src/shared.
  {
    from: { element: { type: 'renderer' } },
    disallow: [
      { to: { module: { origin: 'local' } } },
      { to: { module: { origin: 'core' } } },
      {
        to: {
          module: {
            origin: 'external',
            source: ['electron', 'better-sqlite3', 'pg', 'kysely', 'fastify', '@fastify/*', 'ws', 'stripe'],
          },
        },
      },
    ],
    message:
      'renderer (src/renderer) imports only src/shared, itself and UI packages: {{dependency.source}} is outside.',
  },
  {
    from: { element: { type: 'renderer' } },
    allow: { to: { element: { types: ['renderer', 'shared'] } } },
  },

  // shared: pure TypeScript used by every process.
  {
    from: { element: { type: 'shared' } },
    disallow: [
      { to: { module: { origin: ['local', 'core'] } } },
      { to: { module: { origin: 'external', source: '!zod' } } },
    ],
    message:
      'shared (src/shared) is pure TypeScript: it imports only itself and zod, no platform module or other package: {{dependency.source}} is not allowed.',
  },
  {
    from: { element: { type: 'shared' } },
    allow: { to: { element: { type: 'shared' } } },
  },

  // main: the server is reached through its one embedded-API entry.
  {
    from: { element: { type: 'main' } },
    disallow: { to: { element: { types: serverLayers } } },
    message:
      'main (src/main) reaches the server only through src/server/embedded.ts: {{dependency.source}} is inside the server.',
  },
  {
    from: { element: { type: 'main' } },
    allow: { to: { file: { categories: 'embedded-api' } } },
  },

  // services: one write per function, reachable from routes, jobs and the demo seed alike.
  {
    from: { element: { type: 'services' } },
    disallow: { to: { element: { types: ['routes', 'http'] } } },
    message:
      'services (src/server/services) never import routes or src/server/http: {{dependency.source}} is HTTP.',
  },

  // gateways: provider adapters know nothing of the payments that use them.
  {
    from: { element: { type: 'gateways' } },
    disallow: { to: { element: { type: 'payments' } } },
    message:
      'gateways (src/server/gateways) never import src/server/payments: {{dependency.source}} is payments.',
  },

  // preload: named methods built from the IPC contract, and electron's contextBridge.
  {
    from: { element: { type: 'preload' } },
    disallow: [
      { to: { module: { origin: ['local', 'core'] } } },
      { to: { module: { origin: 'external', source: '!electron' } } },
    ],
    message:
      'preload (src/preload) imports only the IPC contract (src/shared/ipc-contract.ts, src/shared/desktop-api.ts) and electron: {{dependency.source}} is not allowed.',
  },
  {
    from: { element: { type: 'preload' } },
    allow: { to: { file: { categories: 'ipc-contract' } } },
  },
];

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'data', 'test-results', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'eslint-comments/no-unused-disable': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='parseFloat']",
          message: 'Money is integer minor units parsed from strings.',
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'import/resolver': {
        typescript: { project: 'tsconfig.json' },
        [fileURLToPath(new URL('./eslint/planned-path-resolver.cjs', import.meta.url))]: {},
      },
      'boundaries/elements': layers,
      'boundaries/files': [
        { category: 'embedded-api', pattern: 'src/server/embedded.ts' },
        {
          category: 'ipc-contract',
          pattern: ['src/shared/ipc-contract.ts', 'src/shared/ipc-names.ts', 'src/shared/desktop-api.ts'],
        },
      ],
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
      'boundaries/legacy-templates': false,
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        { default: 'allow', checkAllOrigins: true, checkUnknownLocals: true, policies: boundaryPolicies },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // What the preload and the renderer load before the first screen builds the desktop API from the
    // contract's names alone: zod and every API schema stay out of it (types are free).
    files: ['src/shared/ipc-names.ts', 'src/shared/desktop-api.ts', 'src/renderer/bridge.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['zod', '**/ipc-contract.js', '**/api/*'],
              allowTypeImports: true,
              message:
                'The desktop API is built from ipc-names.ts: a value from the schemas loads zod with it.',
            },
          ],
        },
      ],
    },
  },
  {
    // eslint-module-utils loads resolvers with require(), so this one is CommonJS.
    files: ['eslint/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests read JSON response bodies as a caller would and check them with expect(): typing every
    // body would only restate the schemas under test.
    files: ['test/**/*.ts', 'src/**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);

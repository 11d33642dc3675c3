// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

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
    // src/shared is pure TypeScript used by every side: no Node, DOM or Electron imports.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'node:*',
            'electron',
            'fs',
            'path',
            'crypto',
            '../server/*',
            '../main/*',
            '../renderer/*',
            '../preload/*',
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer never talks to the network, the disk or the main process's modules itself.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'node:*',
            'electron',
            '**/main/**',
            '**/server/**',
            '**/preload/**',
            'better-sqlite3',
            'pg',
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON response bodies as a caller would and check them with expect(): typing every
    // body would only restate the schemas under test.
    files: ['test/**/*.ts', 'src/**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);

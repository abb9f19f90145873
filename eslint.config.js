// Lint rules, including the fences between layers (see docs/ARCHITECTURE.md): each fence says why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const fence = (patterns, message) => ({ group: patterns, message });

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'apps/web/dist/**', 'apps/server/dist/**', '.accord-data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports: names stay the same everywhere.' },
      ],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts', 'packages/core/src/**/*.test-support.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            fence(['node:*', 'fs', 'path', 'crypto', 'http'], 'core is pure: no I/O. Pass data and functions in as arguments.'),
            fence(['@accord/*', '**/apps/**'], 'core depends on nothing of ours: contracts, server and web depend on it.'),
            fence(
              ['kysely', 'pg', 'fastify', 'react', '@electric-sql/*'],
              'core is pure domain logic: storage, HTTP and UI depend on it, never the reverse.',
            ),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'core has no clock: take the time as an argument.' },
        { name: 'fetch', message: 'core has no I/O.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'core has no randomness: take it as an argument.' },
      ],
    },
  },
  {
    files: ['packages/contracts/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            fence(
              ['@accord/server', '@accord/web', '**/apps/**', 'node:*'],
              'contracts are wire schemas shared by server and web: they import only core and TypeBox.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    // The browser tests start the real server in-process: they are the one place allowed to.
    ignores: ['apps/web/e2e/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            fence(
              ['@accord/server', '**/apps/server/**'],
              'the web talks to the server over HTTP only; share types through @accord/contracts.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/src/db/**/*.ts'],
    ignores: ['apps/server/src/db/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            fence(['**/services/**', '**/http/**', '**/cli/**'], 'storage is the bottom layer: services, HTTP and CLI depend on it.'),
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/src/services/**/*.ts'],
    ignores: ['apps/server/src/services/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            fence(['**/http/**', '**/cli/**', 'fastify', '@fastify/*'], 'use cases know nothing of HTTP or the CLI: both call them.'),
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'apps/*/e2e/**', 'bench/**', 'scripts/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/vite.config.ts', '**/vitest.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);

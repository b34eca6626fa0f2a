// Lint configuration: typescript-eslint, prettier compatibility, the layering rule and the 500-line limit.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import firstline from './tools/eslint/layering.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.tsbuild/',
      'test-results/',
      'playwright-report/',
      'backend/node_modules/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { firstline },
    rules: {
      'firstline/layering': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // House style: a file does one thing and stays under 500 lines (tests and generated files aside).
    files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    ignores: ['test/**', 'e2e/**', '**/*.test.*', '**/*.generated.*', '**/generated/**', 'bench/out/**'],
    rules: { 'max-lines': ['error', { max: 500, skipBlankLines: false, skipComments: false }] },
  },
  {
    files: ['renderer/**', 'preload/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['scripts/**', 'bench/**', 'tools/**', 'test/**', 'main/host/start.ts', 'backend/src/cli.ts'],
    rules: { 'no-console': 'off' },
  },
);

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
    // One clock: every time on screen is Swedish time, formatted by renderer/src/app/swedishTime.ts alone.
    // A date's local fields and the locale formatters follow the computer's zone, which may not be Sweden's.
    files: ['renderer/src/**/*.{ts,tsx}'],
    ignores: ['renderer/src/app/swedishTime.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(toLocaleString|toLocaleDateString|toLocaleTimeString|toDateString|toTimeString)$/]',
          message:
            "Times follow the computer's zone here: use clockTime/calendarDate/dateAndTime from app/swedishTime (for numbers, Intl.NumberFormat).",
        },
        {
          selector:
            'CallExpression[callee.property.name=/^(get|set)(FullYear|Year|Month|Date|Day|Hours|Minutes|Seconds)$/]',
          message:
            "A date's local fields are the computer's zone: use swedishDate/swedishDayOffset from app/swedishTime, or UTC fields for calendar arithmetic.",
        },
        {
          selector: "CallExpression[callee.property.name='getTimezoneOffset']",
          message: "The computer's zone is not the service's: use app/swedishTime.",
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length>1]",
          message:
            'new Date(year, month, …) is local time on this computer: use Date.UTC for calendar arithmetic, or fromSwedishInputValue.',
        },
        {
          selector: "MemberExpression[object.name='Intl'][property.name='DateTimeFormat']",
          message: 'Format times with app/swedishTime, which fixes the zone to Europe/Stockholm.',
        },
      ],
    },
  },
  {
    files: ['scripts/**', 'bench/**', 'tools/**', 'test/**', 'main/host/start.ts', 'backend/src/cli.ts'],
    rules: { 'no-console': 'off' },
  },
);

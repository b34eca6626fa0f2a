// `npm test`: lint, typecheck, unit and integration tests, renderer build, then the browser tests; ends with one summary line.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, mkdirSync } from 'node:fs';

const started = Date.now();
const results = { passed: 0, failed: 0, skipped: 0 };
let failedStep = null;

function step(name, command, args, env = {}) {
  if (failedStep) return false;
  console.log(`\n── ${name} ──`);
  const run = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (run.status !== 0) {
    failedStep = name;
    return false;
  }
  return true;
}

/** Runs `npm run <name> -- <args>` as a step. */
function script(name, scriptName, ...args) {
  return step(name, 'npm', ['run', '--silent', scriptName, ...(args.length > 0 ? ['--', ...args] : [])]);
}

function countVitest(file) {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    results.passed += report.numPassedTests;
    results.failed += report.numFailedTests;
    results.skipped += report.numPendingTests + report.numTodoTests;
  } catch {
    // No report: the step's exit code already says it failed.
  }
}

function countPlaywright(file) {
  try {
    const { stats } = JSON.parse(readFileSync(file, 'utf8'));
    results.passed += stats.expected + stats.flaky;
    results.failed += stats.unexpected;
    results.skipped += stats.skipped;
  } catch {
    // As above.
  }
}

if (process.env.CI && !process.env.FIRSTLINE_TEST_DATABASE_URL) {
  console.error(
    'CI is set but FIRSTLINE_TEST_DATABASE_URL is not: the PostgreSQL backend tests would not run.',
  );
  process.exit(1);
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

// Each step is a package.json script; the arguments after `--` are what `npm test` adds to it (stricter, quieter).
script('lint', 'lint:code', '--max-warnings=0');
script('format', 'lint:format', '--log-level=warn');
script('typecheck', 'typecheck');
script('protocol library', 'protocols', 'lint');
script(
  'unit and integration tests',
  'test:unit',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest-results.json',
);
countVitest('test-results/vitest-results.json');
script('build renderer', 'build:renderer', '--logLevel', 'warn');
if (script('browser tests (Chromium)', 'test:e2e') || failedStep === 'browser tests (Chromium)') {
  countPlaywright('test-results/e2e-results.json');
}

const seconds = Math.round((Date.now() - started) / 1000);
if (failedStep) console.log(`\nFailed step: ${failedStep}`);
console.log(`\nnpm test took ${seconds} s`);
console.log(`Summary: ${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(failedStep || results.failed > 0 ? 1 : 0);

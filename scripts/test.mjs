#!/usr/bin/env node
// `npm test`: format check, lint (with the layer fences), typecheck, web build, then the whole
// test suite. Ends with one line "tests: N passed, N failed" that CI reads.
// `npm run check` runs only the static steps.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const staticOnly = process.argv.includes('--static-only');
const extraArgs = process.argv.slice(2).filter((a) => a !== '--static-only');
const bin = (name) => `node_modules/.bin/${name}`;
const failures = [];

function step(label, command, args) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${label}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    failures.push(label);
    process.stdout.write(`✖ ${label} failed (${seconds} s)\n`);
  } else {
    process.stdout.write(`✔ ${label} (${seconds} s)\n`);
  }
  return result.status === 0;
}

step('format (prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
step('lint (eslint, warnings fail)', bin('eslint'), ['--max-warnings', '0', '.']);
step('typecheck (tsc --noEmit)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);

if (!staticOnly) {
  step('build web app (vite)', bin('vite'), ['build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn']);
  // The CLI tests run `accord` as users do: from the bundle, which starts in a fraction of the time tsx needs.
  step('build server bundle (esbuild)', process.execPath, ['scripts/build-server.mjs']);
  mkdirSync('.tmp', { recursive: true });
  const report = '.tmp/vitest-report.json';
  rmSync(report, { force: true });
  step('tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extraArgs]);
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  try {
    const summary = JSON.parse(readFileSync(report, 'utf8'));
    passed = summary.numPassedTests;
    failed = summary.numFailedTests;
    skipped = summary.numPendingTests + summary.numTodoTests;
    if (summary.numFailedTestSuites > 0 && failed === 0) failed = summary.numFailedTestSuites;
  } catch {
    failed = Math.max(failed, 1);
  }
  if (failures.length > 0 && failed === 0) failed = failures.length;
  process.stdout.write(`\n${failures.length ? `failed steps: ${failures.join(', ')}\n` : ''}`);
  process.stdout.write(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
}

if (failures.length > 0) {
  if (staticOnly) process.stdout.write(`\nfailed steps: ${failures.join(', ')}\n`);
  process.exit(1);
}

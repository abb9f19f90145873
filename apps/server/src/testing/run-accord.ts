import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { REPO_ROOT } from '../runtime.js';

const run = promisify(execFile);
const BIN = join(REPO_ROOT, 'bin/accord.mjs');

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the `accord` command as a user would, in a clean environment plus `env`. */
export async function accord(args: string[], env: Record<string, string> = {}, input?: string): Promise<Outcome> {
  const child = run(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    timeout: 60_000,
  });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  } else {
    child.child.stdin?.end();
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** One clear line, no stack trace. */
export function expectOneLineError(outcome: Outcome, pattern: RegExp) {
  expect(outcome.code).not.toBe(0);
  const lines = outcome.stderr
    .trim()
    .split('\n')
    .filter((l) => !l.includes('ExperimentalWarning'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^accord: error: /);
  expect(lines[0]).toMatch(pattern);
  expect(outcome.stderr).not.toMatch(/\n\s+at /);
}

#!/usr/bin/env node
// The `accord` command. Runs the bundle built by `npm run build:server` when it is newer than every
// source file, and otherwise the TypeScript sources directly through tsx (no build step needed).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}apps/server/dist/accord.mjs`;
const SOURCES = ['apps/server/src', 'packages/core/src', 'packages/contracts/src'];

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function bundleIsCurrent() {
  if (process.env.ACCORD_FROM_SOURCE === '1' || !existsSync(bundle)) return false;
  const built = statSync(bundle).mtimeMs;
  return SOURCES.every((dir) => newestSource(`${root}${dir}`) < built);
}

let runCli;
if (bundleIsCurrent()) {
  ({ runCli } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../apps/server/src/cli/main.ts'));
}
await runCli(process.argv);

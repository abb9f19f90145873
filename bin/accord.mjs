#!/usr/bin/env node
// The `accord` command. Runs the TypeScript sources directly (no build step), through tsx.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../apps/server/src/cli/main.ts');
await runCli(process.argv);

// Bundles the server and the `accord` command into one JavaScript file (apps/server/dist/accord.mjs),
// so production runs and bulk commands start without compiling TypeScript on the fly (faster start,
// about 150 MB less memory). Dependencies stay in node_modules; only Accord's own sources are bundled.
// The detection pool's worker thread is a second entry point (apps/server/dist/detection-worker.mjs), which the pool
// finds next to the bundle.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  entryPoints: {
    accord: `${root}apps/server/src/cli/main.ts`,
    'detection-worker': `${root}apps/server/src/detection/detection-worker.ts`,
  },
  outdir: `${root}apps/server/dist`,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Modules imported lazily (the runtime, by the commands that need a database) go to chunks of their own, so a
  // file-only command such as `accord detect --input` does not load the database drivers and HTTP server.
  splitting: true,
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      name: 'dependencies-stay-external',
      setup(b) {
        // Bare imports are npm packages, except Accord's own workspaces (TypeScript, so bundled).
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@accord/') ? undefined : { path: args.path, external: true }));
      },
    },
  ],
});

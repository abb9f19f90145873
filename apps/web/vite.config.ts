import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
// The dev server forwards API calls to a locally running `accord serve`; override when it listens elsewhere.
const apiTarget = process.env.ACCORD_API_URL ?? 'http://127.0.0.1:8080';

// Vite requires a default export from its config file.
export default defineConfig({
  root: webRoot,
  publicDir: false,
  // Vite 8 compiles TSX with Oxc; the automatic runtime means components need no `import React`.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // The offline world map (Natural Earth 1:50m) is a deliberate ~800 kB chunk, loaded only with the map.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': apiTarget, '/healthz': apiTarget, '/readyz': apiTarget },
  },
});

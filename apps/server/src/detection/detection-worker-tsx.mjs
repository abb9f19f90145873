// Starts the detection worker from its TypeScript source (when Accord runs from source through tsx, and in tests):
// registers tsx in this worker thread, then loads the worker.
import { register } from 'tsx/esm/api';

register();
await import('./detection-worker.ts');

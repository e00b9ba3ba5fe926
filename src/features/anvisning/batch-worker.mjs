// Entry of the worker threads of batchKompatibilitet (batch.ts). A worker thread does not always inherit the
// TypeScript loader of the thread that started it (it does under `tsx` on some Node versions, not under Vitest), so
// it registers tsx itself and then loads the worker in TypeScript.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

try {
  register();
  await import('./batch-worker.ts');
} catch (err) {
  // Tell the waiting batch instead of leaving it waiting: it judges the pairs on its own thread.
  parentPort.on('message', () => parentPort.postMessage({ startfejl: err instanceof Error ? err.message : String(err) }));
}

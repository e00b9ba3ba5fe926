// The PDF worker (pdf.ts starts one per PDF): makes one document and sends it back.
// A worker does not always inherit a TypeScript loader (it does under `tsx`, not under Vitest), so it
// registers tsx itself.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
try {
  const { renderPdfHere } = await import('./pdf.ts');
  const buf = await renderPdfHere(workerData);
  const pdf = new Uint8Array(buf); // a copy that owns its memory, so it can be transferred
  parentPort.postMessage({ pdf }, [pdf.buffer]);
} catch (err) {
  parentPort.postMessage({ error: err instanceof Error ? err.stack ?? err.message : String(err) });
}

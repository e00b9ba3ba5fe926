// Entry of the worker threads of aggregatePersonsFile (persons.ts). A worker thread does not inherit the
// TypeScript loader of the thread that started it (tsx registers its hooks per thread on Node 20), so it
// registers tsx itself and then loads the worker in TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./persons-worker.ts');

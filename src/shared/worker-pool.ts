// Worker threads kept between calls (the area lists' person files, the anvisning batch): started when first needed,
// unref'd while idle so they never keep the process alive, one task at a time per worker. A worker that fails (it
// cannot load, or crashes) breaks the pool: every worker is stopped and `broken` tells the caller to work on its own
// thread from then on.
import { Worker } from 'node:worker_threads';

export class KeptWorkers {
  private readonly pool: Worker[] = [];
  broken = false;

  /** `entry`: the worker's entry file, resolved by the caller (new URL('./x-worker.mjs', import.meta.url)). */
  constructor(private readonly entry: URL) {}

  /** Worker number k, started on first use. */
  get(k: number): Worker {
    if (!this.pool[k]) {
      const w = new Worker(this.entry);
      w.unref();
      w.on('error', () => {
        this.broken = true;
        for (const x of this.pool.splice(0)) void x.terminate();
      });
      this.pool[k] = w;
    }
    return this.pool[k];
  }

  /**
   * Sends one task to worker k and waits for its one answer. An entry that could not load answers
   * `{ startfejl: message }`, which rejects like a crash or an exit does.
   */
  run<T>(k: number, task: unknown): Promise<T> {
    const w = this.get(k);
    return new Promise((resolve, reject) => {
      w.ref();
      const done = () => {
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        w.unref();
      };
      const onMessage = (m: T | { startfejl: string }) => {
        done();
        if (m && typeof m === 'object' && 'startfejl' in m) reject(new Error(m.startfejl));
        else resolve(m as T);
      };
      const onError = (e: Error) => {
        done();
        reject(e);
      };
      const onExit = () => {
        done();
        reject(new Error('worker-tråden stoppede'));
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage(task);
    });
  }
}

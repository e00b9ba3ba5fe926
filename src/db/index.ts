import { Worker } from 'node:worker_threads';
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { migrate } from './migrate.ts';
import { parseTimestamptz } from './timestamp.ts';

// Parse NUMERIC and BIGINT as JS numbers: register values fit comfortably in a double.
pg.types.setTypeParser(1700, (v) => (v === null ? null : Number(v)));
pg.types.setTypeParser(20, (v) => (v === null ? null : Number(v)));
// DATE as ISO string, never a Date shifted by the server's time zone.
pg.types.setTypeParser(1082, (v) => v);
// TIMESTAMPTZ as one ISO string in UTC with milliseconds, whatever the session's TimeZone (decision 023).
pg.types.setTypeParser(1184, parseTimestamptz);
// TIMESTAMP (no column has it: instants are timestamptz) as written, never read in the Node process's zone.
pg.types.setTypeParser(1114, (v) => v);

export type DbKind = 'pglite' | 'postgres';

export interface Db {
  kind: DbKind;
  pool: pg.Pool;
  connectionString: string;
  /**
   * COPY … FROM STDIN on the given client (in its transaction) with the bytes of one chunk in COPY's text
   * or CSV format; returns the number of rows. Call it once per chunk to stream a large file.
   */
  copyFrom(client: pg.PoolClient, table: string, columns: string[], data: Buffer, options?: string): Promise<number>;
  close(): Promise<void>;
}

const copySql = (table: string, columns: string[], source: string, options = '') =>
  `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM ${source}${options ? ` WITH (${options})` : ''}`;

export interface OpenDbOptions {
  /** PostgreSQL URL; when absent, embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data folder; undefined keeps the database in memory (tests). */
  dataDir?: string;
  migrate?: boolean;
}

export async function openDb(opts: OpenDbOptions): Promise<Db> {
  const db = opts.databaseUrl ? openPostgres(opts.databaseUrl) : await openPglite(opts.dataDir);
  if (opts.migrate !== false) await migrate(db);
  return db;
}

function openPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => {}); // idle client errors surface on the next query
  return {
    kind: 'postgres',
    pool,
    connectionString: url,
    async copyFrom(client, table, columns, data, options) {
      const stream = client.query(copyFrom(copySql(table, columns, 'STDIN', options)));
      await pipeline(Readable.from([data]), stream);
      return Number(stream.rowCount ?? 0);
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir?: string): Promise<Db> {
  let dir: string | undefined;
  let unlock = () => {};
  if (dataDir) {
    dir = resolve(dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    unlock = lockDataDir(resolve(dataDir, 'almen.lock'));
  }
  // The pool keeps one connection; the server allows a few so a replaced connection can overlap the old one.
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: { dataDir: dir, maxConnections: 4 } });
  const conn: string = await new Promise((res, rej) => {
    worker.once('error', rej);
    worker.once('exit', (code) => rej(new Error(`PGlite-tråden stoppede (kode ${code})`)));
    worker.on('message', (m) => m?.type === 'ready' && res(m.conn));
  });
  let nextCopy = 0;
  const pendingCopies = new Map<number, { res: (n: number) => void; rej: (e: Error) => void }>();
  worker.on('message', (m) => {
    if (m?.type !== 'copied') return;
    const p = pendingCopies.get(m.id);
    pendingCopies.delete(m.id);
    if (m.error) p?.rej(Object.assign(new Error(m.error.message), { code: m.error.code }));
    else p?.res(m.rows);
  });
  const [host, port] = conn.split(':');
  const connectionString = `postgres://postgres@${host}:${port}/postgres`;
  // PGlite is one session: one connection keeps transactions from interleaving.
  const pool = new pg.Pool({ connectionString, max: 1 });
  pool.on('error', () => {});
  return {
    kind: 'pglite',
    pool,
    connectionString,
    // The client holds PGlite's only connection, so nothing else runs while the worker copies.
    copyFrom(_client, table, columns, data, options) {
      const id = ++nextCopy;
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
      return new Promise<number>((res, rej) => {
        pendingCopies.set(id, { res, rej });
        worker.postMessage({ type: 'copy', id, sql: copySql(table, columns, "'/dev/blob'", options), data: bytes }, [bytes.buffer]);
      });
    },
    async close() {
      await pool.end();
      await new Promise<void>((res) => {
        const t = setTimeout(() => res(), 5000);
        worker.on('message', (m) => {
          if (m?.type === 'stopped') {
            clearTimeout(t);
            res();
          }
        });
        worker.postMessage({ type: 'stop' });
      });
      await worker.terminate();
      unlock();
    },
  };
}

/** PGlite's folder may be opened by one process only: a second would corrupt it. */
function lockDataDir(file: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `Databasemappen ${file.replace(/almen\.lock$/, '')} bruges allerede af en anden proces (pid ${pid}), fx en kørende Almen. ` +
            'Stop den først, eller brug DATABASE_URL med en PostgreSQL-server.',
        );
      }
      rmSync(file, { force: true }); // left behind by a process that is gone
    }
  }
  throw new Error(`Kunne ikke låse databasemappen (${file})`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs fn in one transaction on one client; rolls back on any error. */
export async function tx<T>(db: Db, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.pool.connect();
  let result: T;
  try {
    await client.query('BEGIN');
    result = await fn(client);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    // A connection that saw an error is not reused: on PGlite its protocol state may be off.
    client.release(err as Error);
    throw err;
  }
  client.release();
  return result;
}

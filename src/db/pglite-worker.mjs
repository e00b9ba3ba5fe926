// Runs PGlite in its own thread and serves it over the PostgreSQL wire protocol on loopback,
// so the app keeps one driver (node-postgres) and queries never block the HTTP thread.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const db = await PGlite.create(workerData.dataDir ?? undefined);
const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: workerData.maxConnections ?? 1 });
await server.start();
const conn = server.getServerConn(); // "host:port"
parentPort.postMessage({ type: 'ready', conn });
parentPort.on('message', async (msg) => {
  if (msg?.type === 'copy') {
    // COPY FROM STDIN does not pass through pglite-socket, so bulk loads come here as bytes and run in
    // PGlite's one session: inside the transaction the app's single connection has open.
    try {
      const res = await db.query(msg.sql, [], { blob: new Blob([msg.data]) });
      parentPort.postMessage({ type: 'copied', id: msg.id, rows: res.affectedRows ?? 0 });
    } catch (err) {
      parentPort.postMessage({ type: 'copied', id: msg.id, error: { message: err.message, code: err.code } });
    }
    return;
  }
  if (msg?.type === 'stop') {
    try {
      await server.stop();
      await db.close();
    } finally {
      parentPort.postMessage({ type: 'stopped' });
    }
  }
});

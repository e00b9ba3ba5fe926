// Import benchmark: the national dwelling file (~593,000 rows of kind boliger, Danish Excel CSV) through the
// importer, against a raw COPY of the same rows into the same table, on PGlite and on PostgreSQL.
//   npm run bench:import
//   BENCH_ROWS=60000 BENCH_RUNS=3 BENCH_DBS=pglite,postgres npm run bench:import
// Prints per database: import_s (median, into an empty table), copy_s (median, raw COPY with the foreign-key
// triggers running, as any client loads the table), ratio; copy_nofk_s and ratio_nofk (raw COPY with
// session_replication_role = replica, i.e. without the per-row foreign-key triggers, which is what the importer
// does on PGlite after checking every reference itself); and reimport_s, the same rows into the full table
// (staging + set-based upsert, every row unchanged).
import { mkdtempSync, rmSync, createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb, tx, type Db, type DbKind } from '../src/db/index.ts';
import { ensureReferenceData } from '../src/features/register/reference.ts';
import { runImport } from '../src/features/imports/importer.ts';
import { writeNationalFiles } from '../demo/national.ts';

const NATIONAL_ROWS = 593_000;
const rowsWanted = Number(process.env.BENCH_ROWS ?? NATIONAL_ROWS);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const dbs = (process.env.BENCH_DBS ?? 'pglite,postgres').split(',').map((s) => s.trim()) as DbKind[];
const seed = Number(process.env.BENCH_SEED ?? 1);
const adminUrl = process.env.ALMEN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const secs = (ms: number) => (ms / 1000).toFixed(2);
const log = (m: string) => process.stderr.write(m + '\n');

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

async function freshDatabase(kind: DbKind): Promise<{ db: Db; drop: () => Promise<void> } | null> {
  if (kind === 'pglite') {
    const db = await openDb({});
    return { db, drop: () => db.close() };
  }
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `almen_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = '/' + name;
  const db = await openDb({ databaseUrl: url.toString() });
  return {
    db,
    async drop() {
      await db.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

const COPY_COLUMNS = ['afdeling_id', 'kommunekode', 'lejemaalsnummer', 'adresse', 'postnummer', 'boligtype', 'vaerelser', 'areal_m2', 'husleje_maaned', 'status', 'kilde', 'opgjort_pr', 'import_job_id'];

/**
 * The same rows in COPY text format, written once before timing (not timed): the baseline is a file that
 * is already in the table's own format. The bench's own simple conversion, not the importer's.
 */
async function writeCopyFile(db: Db, csvPath: string, out: string, jobId: number): Promise<number> {
  const { rows } = await db.pool.query(
    `SELECT o.lbf_nr || '/' || a.afdelingsnummer AS k, a.id, a.kommunekode FROM afdeling a JOIN boligorganisation o ON o.id = a.boligorganisation_id`,
  );
  const afd = new Map(rows.map((r) => [r.k, `${r.id}\t${r.kommunekode}`]));
  const lines = readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const head = lines[0].split(';');
  const at = (n: string) => head.indexOf(n);
  const idx = ['lejemaalsnummer', 'adresse', 'postnummer', 'boligtype', 'vaerelser', 'areal_m2', 'husleje_maaned', 'status'].map(at);
  const ws = createWriteStream(out);
  let n = 0;
  let buf = '';
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const f = lines[i].split(';').map((v) => v.replace(/^"(.*)"$/, '$1').replace(/""/g, '"'));
    const vals = idx.map((j) => f[j].replace(',', '.'));
    buf += `${afd.get(`${f[at('org_lbf_nr')]}/${f[at('afdelingsnummer')]}`)}\t${vals.join('\t')}\tbench\t2024-01-01\t${jobId}\n`;
    n++;
    if (buf.length > 1 << 20) {
      if (!ws.write(buf)) await once(ws, 'drain');
      buf = '';
    }
  }
  ws.end(buf);
  await once(ws, 'finish');
  return n;
}

/** Raw COPY of the file into bolig in one transaction, chunk by chunk through the same db.copyFrom. */
async function rawCopy(db: Db, file: string, noFk: boolean): Promise<number> {
  return tx(db, async (c) => {
    if (noFk) await c.query('SET LOCAL session_replication_role = replica');
    let rows = 0;
    let carry = Buffer.alloc(0);
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      const b = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const cut = b.lastIndexOf(10) + 1;
      carry = Buffer.from(b.subarray(cut));
      if (cut > 0) rows += await db.copyFrom(c, 'bolig', COPY_COLUMNS, b.subarray(0, cut));
    }
    return rows;
  });
}

async function clearBoliger(db: Db): Promise<void> {
  await db.pool.query('TRUNCATE bolig');
  // Otherwise the hash check would answer "unchanged" without reading the file.
  await db.pool.query(`DELETE FROM import_job WHERE kind = 'boliger'`);
}

async function benchDb(kind: DbKind, files: Record<string, string>, work: string): Promise<void> {
  const fresh = await freshDatabase(kind);
  if (!fresh) {
    console.log(`db=${kind} skipped: PostgreSQL svarer ikke på ${adminUrl}`);
    return;
  }
  const { db } = fresh;
  try {
    await ensureReferenceData(db);
    for (const k of ['boligorganisationer', 'afdelinger'] as const) {
      const r = await runImport(db, { kind: k, fileName: `${k}.csv`, source: { path: files[k] }, kilde: 'bench', opgjortPr: '2024-01-01' });
      if (r.state !== 'succeeded') throw new Error(`${k}: ${r.message} ${JSON.stringify(r.errors.slice(0, 3))}`);
    }
    const job = (await db.pool.query(`INSERT INTO import_job (kind, file_name, file_hash, state) VALUES ('bench', 'copy', '-', 'succeeded') RETURNING id`)).rows[0].id;
    const copyFile = join(work, `bolig-${kind}.tsv`);
    const copyRows = await writeCopyFile(db, files.boliger, copyFile, job);

    const ms: Record<'import' | 'copy' | 'copy_nofk', number[]> = { import: [], copy: [], copy_nofk: [] };
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      // Rotate which goes first, so none always meets a warmer cache.
      const order = (['import', 'copy', 'copy_nofk'] as const).map((_, k, a) => a[(k + i) % a.length]);
      for (const what of order) {
        await clearBoliger(db);
        if (what === 'import') {
          const [t, r] = await timed(() => runImport(db, { kind: 'boliger', fileName: 'boliger.csv', source: { path: files.boliger }, kilde: 'bench', opgjortPr: '2024-01-01' }));
          if (r.state !== 'succeeded') throw new Error(`boliger: ${r.message} ${JSON.stringify(r.errors.slice(0, 3))}`);
          rows = r.rows_inserted;
          ms.import.push(t);
        } else {
          const [t, n] = await timed(() => rawCopy(db, copyFile, what === 'copy_nofk'));
          if (n !== copyRows) throw new Error(`COPY gav ${n} rækker, ventede ${copyRows}`);
          ms[what].push(t);
        }
      }
      log(`  ${kind} run ${i + 1}: import ${secs(ms.import[i])} s, copy ${secs(ms.copy[i])} s, copy without FK triggers ${secs(ms.copy_nofk[i])} s`);
    }
    // The other path: the same rows into the full table (staging, upsert, all unchanged).
    await clearBoliger(db);
    await runImport(db, { kind: 'boliger', fileName: 'boliger.csv', source: { path: files.boliger }, kilde: 'bench', opgjortPr: '2024-01-01' });
    await db.pool.query(`DELETE FROM import_job WHERE kind = 'boliger' AND state = 'succeeded' AND id <> (SELECT max(import_job_id) FROM bolig)`);
    await db.pool.query(`UPDATE import_job SET file_hash = 'x' WHERE kind = 'boliger'`);
    const [reMs, re] = await timed(() => runImport(db, { kind: 'boliger', fileName: 'boliger.csv', source: { path: files.boliger }, kilde: 'bench', opgjortPr: '2024-01-01' }));
    if (re.state !== 'unchanged') throw new Error(`re-import: ${re.state} ${re.message}`);

    const imp = median(ms.import) / 1000;
    const cp = median(ms.copy) / 1000;
    const nofk = median(ms.copy_nofk) / 1000;
    console.log(`db=${kind} rows=${rows} runs=${runs} fk_triggers_in_import=${kind === 'pglite' ? 'skipped (checked in memory)' : 'on'}`);
    console.log(`import_s=${imp.toFixed(2)}`);
    console.log(`copy_s=${cp.toFixed(2)}`);
    console.log(`ratio=${(imp / cp).toFixed(2)}`);
    console.log(`copy_nofk_s=${nofk.toFixed(2)}`);
    console.log(`ratio_nofk=${(imp / nofk).toFixed(2)}`);
    console.log(`reimport_s=${secs(reMs)} (same rows into the full table: staging + upsert, all unchanged)`);
  } finally {
    await fresh.drop();
  }
}

const work = mkdtempSync(join(tmpdir(), 'almen-bench-'));
try {
  const scale = Math.min(1, rowsWanted / NATIONAL_ROWS);
  const [genMs, counts] = await timed(async () => writeNationalFiles(work, { seed, scale, danishExcel: true }));
  const files = counts.files as Record<string, string>;
  log(`generated ${counts.boliger} boliger, ${counts.afdelinger} afdelinger, ${counts.boligorganisationer} organisationer in ${secs(genMs)} s (demo/national.ts, seed ${seed})`);
  for (const kind of dbs) await benchDb(kind, files, work);
} finally {
  rmSync(work, { recursive: true, force: true });
}

// The import engine: a CSV or .xlsx file of one kind becomes rows of a register table, all or nothing.
// One pass parses, validates and streams valid rows into COPY (staging table, or the table itself when it
// holds no rows of the kind yet); one set-based upsert then writes, all in one transaction. The job row is
// written outside that transaction, so a rejected file leaves its errors behind and nothing else.
import type pg from 'pg';
import { tx, type Db } from '../../db/index.ts';
import { DomainError } from '../../errors.ts';
import { systemActor, type Actor } from '../../http/access.ts';
import { recordAudit } from '../audit/audit.ts';
import { CsvReader, StringRecords, toUtf8 } from './csv.ts';
import { formats, importKinds, type ImportKind } from './formats.ts';
import { trackEnd, trackProgress, trackStart, type ImportProgress } from './progress.ts';
import { RowValidator, type ImportRowError } from './rows.ts';
import { inspectSource, openSource, type ImportSource, type SourceInfo } from './source.ts';
import { loadRefs, targets, type Target, type TargetColumn } from './targets.ts';
import { copyEscape } from './values.ts';
import { readXlsx } from './xlsx.ts';
import { danishToday } from '../../shared/dansk-tid.ts';

export type { ImportProgress } from './progress.ts';
export type { ImportRowError } from './rows.ts';
export type { ImportKind } from './formats.ts';

export interface ImportOptions {
  kind: ImportKind;
  fileName: string;
  source: ImportSource;
  /** Provenance: where the figures come from; default the file name. */
  kilde?: string;
  /** Provenance: the date the figures are as of (YYYY-MM-DD); default the import date. */
  opgjortPr?: string;
  /** Who imports: a name (CLI, start-up) or the signed-in user's Actor; default 'system'. */
  actor?: string | Actor;
  /** Municipalities the actor may import for (from their roles); undefined: all (CLI, start-up). */
  kommuner?: readonly string[];
  /** Validate everything and show the first rows; write nothing, record no job. */
  preview?: boolean;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportResult {
  job_id: number | null;
  state: 'succeeded' | 'failed' | 'unchanged' | 'preview';
  rows_total: number;
  rows_inserted: number;
  rows_updated: number;
  rows_unchanged: number;
  error_count: number;
  errors: ImportRowError[];
  message: string;
  preview?: { columns: string[]; rows: string[][] };
}

/** Stored and returned errors are capped; error_count counts them all. */
export const ERROR_CAP = 1000;
export const PREVIEW_ROWS = 20;
const PROGRESS_EVERY_MS = 200;

const nf = (n: number) => n.toLocaleString('da-DK');


export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(s + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function importSpec(kind: string) {
  if (!(importKinds as readonly string[]).includes(kind)) {
    throw new DomainError('UNKNOWN_IMPORT_TYPE', `Ukendt importtype "${kind}". Gyldige typer: ${importKinds.join(', ')}.`);
  }
  return formats[kind as ImportKind];
}

/** Thrown inside the transaction to roll it back when the file has errors. */
class Rejected extends Error {}

interface Written {
  inserted: number;
  updated: number;
  deleted: number;
}

export async function runImport(db: Db, opts: ImportOptions): Promise<ImportResult> {
  const spec = importSpec(opts.kind);
  const target = targets[spec.kind];
  const opgjortPr = opts.opgjortPr ?? danishToday();
  if (!isIsoDate(opgjortPr)) {
    throw new DomainError('VALIDATION', 'Opgørelsesdatoen skal være en dato som ÅÅÅÅ-MM-DD.', {
      fields: [{ field: 'opgjort_pr', message: 'Skal være en dato som ÅÅÅÅ-MM-DD.' }],
    });
  }
  // Control characters (a NUL above all) cannot be stored in a text column.
  const fileName = plainText(opts.fileName) || 'fil';
  const kilde = plainText(opts.kilde ?? '') || fileName;
  const kommuner = opts.kommuner ? new Set(opts.kommuner) : undefined;
  const actor = typeof opts.actor === 'object' ? opts.actor : systemActor(opts.actor ?? 'system');

  let jobId: number | null = null;
  let total: number | undefined;
  let lastReport = 0;
  const report = (p: ImportProgress) => {
    opts.onProgress?.(p);
    if (jobId !== null) trackProgress(jobId, p);
  };
  const tick = (rows: number) => {
    const now = Date.now();
    if (now - lastReport < PROGRESS_EVERY_MS) return;
    lastReport = now;
    report({ phase: 'validerer', rows, total });
  };

  report({ phase: 'læser', rows: 0 });
  const info = await inspectSource(opts.source, opts.fileName);
  total = info.type === 'csv' ? Math.max(0, info.lines - 1) : undefined;

  if (opts.preview) {
    const refs = await loadRefs(db.pool, spec.kind);
    const v = new RowValidator({ spec, target, refs, emit: false, suffix: '\n', previewRows: PREVIEW_ROWS, errorCap: ERROR_CAP, kommuner, expectedRows: total });
    for await (const _ of chunks(info, opts.source, v, tick));
    report({ phase: 'færdig', rows: v.rows, total: v.rows });
    const verdict = v.errorCount === 0 ? 'ingen fejl' : `${nf(v.errorCount)} fejl i ${nf(v.badRows)} rækker`;
    return {
      ...emptyResult(null, 'preview', v.rows),
      error_count: v.errorCount,
      errors: v.errors,
      message: `Forhåndsvisning: ${nf(v.rows)} rækker, ${verdict}. Intet er gemt.`,
      preview: { columns: v.columns, rows: v.preview },
    };
  }

  const jobBase = [spec.kind, fileName, info.sha256, info.size, kilde, opgjortPr, actor.username];
  const prev = (
    await db.pool.query<{ id: number; file_hash: string; rows_total: number }>(
      `SELECT id, file_hash, rows_total FROM import_job WHERE kind = $1 AND state = 'succeeded' ORDER BY id DESC LIMIT 1`,
      [spec.kind],
    )
  ).rows[0];
  if (prev && prev.file_hash === info.sha256) {
    const message = `Filen er den samme som ved den seneste import (import nr. ${prev.id}). Intet er ændret.`;
    const { rows } = await db.pool.query<{ id: number }>(
      `INSERT INTO import_job (kind, file_name, file_hash, file_size, kilde, opgjort_pr, created_by, state,
                               rows_total, rows_unchanged, message, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'unchanged', $8, $8, $9, now()) RETURNING id`,
      [...jobBase, prev.rows_total, message],
    );
    report({ phase: 'færdig', rows: prev.rows_total, total: prev.rows_total });
    return { ...emptyResult(rows[0].id, 'unchanged', prev.rows_total), rows_unchanged: prev.rows_total, message };
  }

  jobId = (
    await db.pool.query<{ id: number }>(
      `INSERT INTO import_job (kind, file_name, file_hash, file_size, kilde, opgjort_pr, created_by, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'running') RETURNING id`,
      jobBase,
    )
  ).rows[0].id;
  trackStart(jobId, spec.kind, fileName);
  report({ phase: 'validerer', rows: 0, total });
  const job = jobId;

  let v: RowValidator | null = null;
  try {
    const result = await tx(db, async (c) => {
      // One import of a table at a time; readers are not blocked.
      await c.query(`LOCK TABLE ${target.table} IN SHARE ROW EXCLUSIVE MODE`);
      const refs = await loadRefs(c, spec.kind);
      const direct = !target.membership && !(await c.query(`SELECT EXISTS (${target.ownRows}) AS e`)).rows[0].e;
      const skipFkTriggers = db.kind === 'pglite' && !(await hasOwnTriggers(c, target.table));
      if (skipFkTriggers) await c.query('SET LOCAL session_replication_role = replica');
      const suffix = direct ? `\t${copyEscape(kilde)}\t${opgjortPr}\t${job}\n` : '\n';
      v = new RowValidator({ spec, target, refs, emit: true, suffix, previewRows: 0, errorCap: ERROR_CAP, kommuner, expectedRows: total });
      const validator = v;
      // Parsing chunk k+1 overlaps the database's COPY of chunk k (it works in another thread or process).
      let inflight: Promise<number> | null = null;
      let taken = 0;
      for await (const chunk of chunks(info, opts.source, v, tick)) {
        if (inflight) await inflight;
        else if (!direct) await c.query(stagingSql(validator.copyColumns));
        const cols = validator.copyColumns.map((x) => x.db);
        const offset = taken; // COPY lines before this chunk, to place a database error
        taken = validator.copied;
        inflight = db
          .copyFrom(c, direct ? target.table : 'import_stg', direct ? [...cols, ...provenance] : cols, chunk)
          .catch((err) => {
            throw Object.assign(err, { copyOffset: offset });
          });
        inflight.catch(() => {}); // awaited below; a rejection before then is not unhandled
      }
      if (inflight) await inflight;
      if (v.errorCount > 0) throw new Rejected();

      report({ phase: 'skriver', rows: v.rows, total: v.rows });
      const written: Written = direct
        ? { inserted: v.rows, updated: 0, deleted: 0 }
        : await writeFromStaging(c, target, validator.copyColumns, kilde, opgjortPr, job);
      if (skipFkTriggers) await c.query('SET LOCAL session_replication_role = origin');
      const unchanged = v.rows - written.inserted - written.updated;
      const changed = written.inserted + written.updated + written.deleted > 0;
      const state = changed ? 'succeeded' : 'unchanged';
      const message = changed
        ? `Importeret: ${nf(written.inserted)} nye, ${nf(written.updated)} ændrede og ${nf(unchanged)} uændrede rækker` +
          (written.deleted ? `; ${nf(written.deleted)} afdelinger taget ud af områderne.` : '.')
        : `Ingen ændringer: alle ${nf(v.rows)} rækker findes allerede med samme indhold.`;
      await c.query(
        `UPDATE import_job SET state = $2, rows_total = $3, rows_inserted = $4, rows_updated = $5, rows_unchanged = $6,
                message = $7, finished_at = now() WHERE id = $1`,
        [job, state, v.rows, written.inserted, written.updated, unchanged, message],
      );
      if (changed) {
        await recordAudit(c, actor, {
          action: 'import',
          entity: spec.kind,
          entity_id: job,
          detail: {
            import_job_id: job,
            file_name: fileName,
            file_hash: info.sha256,
            kilde,
            opgjort_pr: opgjortPr,
            rows_total: v.rows,
            rows_inserted: written.inserted,
            rows_updated: written.updated,
            rows_unchanged: unchanged,
            ...(target.membership ? { rows_deleted: written.deleted } : {}),
          },
        });
      }
      return {
        ...emptyResult(job, state, v.rows),
        rows_inserted: written.inserted,
        rows_updated: written.updated,
        rows_unchanged: unchanged,
        message,
      } satisfies ImportResult;
    });
    trackEnd(job, result.state as 'succeeded' | 'unchanged', result.rows_total);
    report({ phase: 'færdig', rows: result.rows_total, total: result.rows_total });
    return result;
  } catch (err) {
    const val = v as RowValidator | null;
    let rejected = err instanceof Rejected;
    if (!rejected && val && isDataError(err)) {
      // A value the validators let through but the database refused: report it like a row error.
      val.error(copyLine(val, err), null, `Databasen afviste rækken: ${(err as Error).message}`);
      rejected = true;
    }
    const rows = val?.rows ?? 0;
    const message = rejected
      ? `Filen blev afvist: ${nf(val!.errorCount)} fejl i ${nf(val!.badRows)} rækker. Intet er gemt.`
      : err instanceof DomainError
        ? err.message
        : 'Importen fejlede på grund af en intern fejl. Intet er gemt.';
    await db.pool
      .query(
        `UPDATE import_job SET state = 'failed', rows_total = $2, error_count = $3, errors = $4, message = $5,
                finished_at = now() WHERE id = $1`,
        [job, rows, val?.errorCount ?? 0, JSON.stringify(val?.errors ?? []), message],
      )
      .catch(() => {}); // the original error matters more
    trackEnd(job, 'failed', rows);
    report({ phase: 'færdig', rows, total });
    if (!rejected) throw err;
    return { ...emptyResult(job, 'failed', rows), error_count: val!.errorCount, errors: val!.errors, message };
  }
}

const plainText = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();

function emptyResult(job_id: number | null, state: ImportResult['state'], rows: number): ImportResult {
  return { job_id, state, rows_total: rows, rows_inserted: 0, rows_updated: 0, rows_unchanged: 0, error_count: 0, errors: [], message: '' };
}

/** Streams the file through the validator and yields the COPY text it builds, chunk by chunk. */
async function* chunks(info: SourceInfo, source: ImportSource, v: RowValidator, tick: (rows: number) => void): AsyncGenerator<Buffer> {
  if (info.type === 'csv') {
    const reader = new CsvReader(v.record, (line, message) => v.error(line, null, message));
    // Danish Excel writes semicolons and decimal commas; a comma-separated file uses decimal points.
    v.convention = () => (reader.sep === 0x2c ? 'point' : 'comma');
    for await (const b of openSource(source) as AsyncIterable<Buffer>) {
      reader.push(toUtf8(b, info.encoding));
      tick(v.rows);
      const out = v.take();
      if (out) yield out;
    }
    reader.end();
  } else {
    v.shortRowsAreEmpty = true;
    const records = new StringRecords();
    for await (const batch of readXlsx(() => openSource(source))) {
      for (const r of batch) v.record(records.record(r.fields, r.line));
      tick(v.rows);
      const out = v.take();
      if (out) yield out;
    }
  }
  v.finish();
  const out = v.take();
  if (out) yield out;
}

/** Triggers someone added to the table (not the foreign keys' own), which must always run. */
async function hasOwnTriggers(c: pg.PoolClient, table: string): Promise<boolean> {
  const { rows } = await c.query(`SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal) AS e`, [table]);
  return rows[0].e;
}

function stagingSql(cols: TargetColumn[]): string {
  return `CREATE TEMP TABLE import_stg (${cols.map((c) => `${c.db} ${c.sql}`).join(', ')}) ON COMMIT DROP`;
}

const provenance = ['kilde', 'opgjort_pr', 'import_job_id'];

/** One set-based upsert from staging; a row is only rewritten when a value differs (provenance aside). */
async function writeFromStaging(
  c: pg.PoolClient,
  t: Target,
  cols: TargetColumn[],
  kilde: string,
  opgjortPr: string,
  job: number,
): Promise<Written> {
  if (t.membership) return replaceMembership(c);
  const names = cols.map((x) => x.db);
  const data = names.filter((n) => !t.key.includes(n));
  const set = [...data, ...provenance].map((n) => `${n} = EXCLUDED.${n}`);
  if (t.touch) set.push('updated_at = now()');
  const action =
    data.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${set.join(', ')}
         WHERE ROW(${data.map((n) => 't.' + n).join(', ')}) IS DISTINCT FROM ROW(${data.map((n) => 'EXCLUDED.' + n).join(', ')})`;
  const { rows } = await c.query<{ inserted: number; updated: number }>(
    `WITH up AS (
       INSERT INTO ${t.table} AS t (${[...names, ...provenance].join(', ')})
       SELECT ${names.join(', ')}, $1::text, $2::date, $3::bigint FROM import_stg
       ON CONFLICT ${t.conflict} ${action}
       RETURNING (xmax = 0) AS ins)
     SELECT count(*) FILTER (WHERE ins)::int AS inserted, count(*) FILTER (WHERE NOT ins)::int AS updated FROM up`,
    [kilde, opgjortPr, job],
  );
  return { ...rows[0], deleted: 0 };
}

/** The file is the whole membership of every area it names: add what is new, take out what is missing. */
async function replaceMembership(c: pg.PoolClient): Promise<Written> {
  const deleted = await c.query(
    `DELETE FROM boligomraade_afdeling ba
     WHERE ba.boligomraade_id IN (SELECT boligomraade_id FROM import_stg)
       AND NOT EXISTS (SELECT 1 FROM import_stg s WHERE s.boligomraade_id = ba.boligomraade_id AND s.afdeling_id = ba.afdeling_id)`,
  );
  const inserted = await c.query(
    `INSERT INTO boligomraade_afdeling (boligomraade_id, afdeling_id)
     SELECT boligomraade_id, afdeling_id FROM import_stg ON CONFLICT DO NOTHING`,
  );
  return { inserted: inserted.rowCount ?? 0, updated: 0, deleted: deleted.rowCount ?? 0 };
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint): the data, not the system. */
function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/** The file line of the COPY line a database error names ("COPY bolig, line 12"), else 0. */
function copyLine(v: RowValidator, err: unknown): number {
  const e = err as { where?: string; message?: string; copyOffset?: number };
  const m = /COPY \S+, line (\d+)/.exec(`${e.where ?? ''} ${e.message ?? ''}`);
  const n = m ? Number(m[1]) + (e.copyOffset ?? 0) : 0;
  return n > 0 && n <= v.copied ? v.copyLines[n - 1] : 0;
}


// The import history: import_job rows as the API shows them.
import type pg from 'pg';
import type { ImportRowError } from './rows.ts';

export interface ImportJobItem {
  id: number;
  kind: string;
  file_name: string;
  file_hash: string;
  file_size: number;
  state: 'running' | 'succeeded' | 'failed' | 'unchanged';
  rows_total: number;
  rows_inserted: number;
  rows_updated: number;
  rows_unchanged: number;
  error_count: number;
  kilde: string | null;
  opgjort_pr: string | null;
  created_by: string;
  started_at: string;
  finished_at: string | null;
  message: string | null;
}

type Queryable = Pick<pg.Pool, 'query'>;

const columns = `id, kind, file_name, file_hash, file_size, state, rows_total, rows_inserted, rows_updated, rows_unchanged,
  error_count, kilde, opgjort_pr, created_by, started_at, finished_at, message`;

/** Newest first. */
export async function listImportJobs(q: Queryable, page: { limit: number; offset: number }): Promise<{ items: ImportJobItem[]; total: number }> {
  const [{ rows }, count] = [
    await q.query<ImportJobItem>(`SELECT ${columns} FROM import_job ORDER BY id DESC LIMIT $1 OFFSET $2`, [page.limit, page.offset]),
    await q.query<{ n: number }>('SELECT count(*)::int AS n FROM import_job'),
  ];
  return { items: rows, total: count.rows[0].n };
}

export async function getImportJob(q: Queryable, id: number): Promise<(ImportJobItem & { errors: ImportRowError[] }) | null> {
  const { rows } = await q.query<ImportJobItem & { errors: ImportRowError[] }>(`SELECT ${columns}, errors FROM import_job WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

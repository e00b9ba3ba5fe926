import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './index.ts';

const dir = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Applies the SQL files in migrations/ in name order, each once, each in its own transaction. */
export async function migrate(db: Db): Promise<string[]> {
  const client = await db.pool.connect();
  const applied: string[] = [];
  try {
    if (db.kind === 'postgres') await client.query('SELECT pg_advisory_lock(7411)');
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query('SELECT name FROM schema_migration')).rows.map((r) => r.name));
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
      if (done.has(file)) continue;
      await client.query('BEGIN');
      try {
        await client.query(readFileSync(dir + file, 'utf8'));
        await client.query('INSERT INTO schema_migration (name) VALUES ($1)', [file]);
        await client.query('COMMIT');
        applied.push(file);
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migrering ${file} fejlede: ${(err as Error).message}`);
      }
    }
  } finally {
    if (db.kind === 'postgres') await client.query('SELECT pg_advisory_unlock(7411)').catch(() => {});
    client.release();
  }
  return applied;
}

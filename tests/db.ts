// Database test set-up: every database suite runs on embedded PGlite and, when a PostgreSQL answers,
// on PostgreSQL too (ALMEN_REQUIRE_PG=1 makes a missing server an error, as in CI).
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { describe, beforeAll, afterAll } from 'vitest';
import { openDb, type Db, type DbKind } from '../src/db/index.ts';
import { ensureReferenceData } from '../src/features/register/reference.ts';

const adminUrl = process.env.ALMEN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresAnswers(): Promise<boolean> {
  const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}
const pgAvailable = await postgresAnswers();
if (!pgAvailable && process.env.ALMEN_REQUIRE_PG === '1') {
  throw new Error(`PostgreSQL svarer ikke på ${adminUrl}, men ALMEN_REQUIRE_PG=1`);
}

/** Opens a fresh, migrated database of the given kind with reference data; drop it with the returned close. */
export async function freshDb(kind: DbKind): Promise<Db> {
  if (kind === 'pglite') {
    const db = await openDb({});
    await ensureReferenceData(db);
    return db;
  }
  const name = `almen_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = '/' + name;
  const db = await openDb({ databaseUrl: url.toString() });
  await ensureReferenceData(db);
  const close = db.close;
  db.close = async () => {
    await close();
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  };
  return db;
}

/**
 * Runs the suite once per database: `describeDb('imports', (ctx) => { it(..., async () => ctx.db...) })`.
 * The database is shared by the tests of one suite; tests that need isolation truncate what they use.
 */
export function describeDb(name: string, fn: (ctx: { db: Db; kind: DbKind }) => void) {
  for (const kind of ['pglite', 'postgres'] as const) {
    const d = kind === 'postgres' && !pgAvailable ? describe.skip : describe;
    d(`${name} [${kind}]`, () => {
      const ctx = { kind } as { db: Db; kind: DbKind };
      beforeAll(async () => {
        ctx.db = await freshDb(kind);
      });
      afterAll(async () => {
        await ctx.db?.close();
      });
      fn(ctx);
    });
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from './config.ts';
import type { Db } from './db/index.ts';
import { DEMO_KOMMUNE, DEMO_LOAD_ORDER, generateKommune, writeImportFiles } from '../demo/kommune.ts';
import { runImport } from './features/imports/importer.ts';

export const DEMO_KILDE = 'Demodata (genereret, ikke virkelige tal)';

/**
 * Loads the generated demo municipality through the ordinary importer, so the demo also proves the
 * import path. ALMEN_DEMO=auto loads it only into an empty embedded database; on: always (idempotent); off: never.
 */
export async function ensureDemo(db: Db, config: Config, log: (m: string) => void = console.log): Promise<boolean> {
  if (config.ALMEN_DEMO === 'off') return false;
  if (config.ALMEN_DEMO === 'auto') {
    if (config.DATABASE_URL) return false;
    const { rows } = await db.pool.query('SELECT EXISTS (SELECT 1 FROM afdeling) AS has_data');
    if (rows[0].has_data) return false;
  }
  await loadDemo(db, log);
  return true;
}

export async function loadDemo(db: Db, log: (m: string) => void = () => {}): Promise<void> {
  await db.pool.query(
    `INSERT INTO kommune (kode, navn, region_kode, landsdel, demo) VALUES ($1, $2, $3, $4, true)
     ON CONFLICT (kode) DO NOTHING`,
    [DEMO_KOMMUNE.kode, DEMO_KOMMUNE.navn, DEMO_KOMMUNE.region_kode, DEMO_KOMMUNE.landsdel],
  );
  const dir = mkdtempSync(join(tmpdir(), 'almen-demo-'));
  try {
    writeImportFiles(generateKommune(1), dir, { danishExcel: true });
    for (const kind of DEMO_LOAD_ORDER) {
      const result = await runImport(db, {
        kind,
        fileName: `${kind}.csv`,
        source: { path: join(dir, `${kind}.csv`) },
        kilde: DEMO_KILDE,
        opgjortPr: '2024-01-01',
        actor: 'demo',
      });
      if (result.state === 'failed') {
        const first = result.errors.slice(0, 5).map((e) => `linje ${e.line} ${e.column ?? ''}: ${e.message}`);
        throw new Error(`Demodata for ${kind} blev afvist: ${result.message}\n${first.join('\n')}`);
      }
      log(`Demodata: ${kind} ${result.state} (${result.rows_total} rækker)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../db/index.ts';

const refDir = fileURLToPath(new URL('../../../reference/', import.meta.url));

function readCsv(name: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(refDir + name, 'utf8').trim().split(/\r?\n/);
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

export const regions = readCsv('regions.csv');
export const municipalities = readCsv('municipalities.csv');

/** Upserts the 5 regions and 98 municipalities; idempotent, run at start-up. */
export async function ensureReferenceData(db: Db): Promise<void> {
  await db.pool.query(
    `INSERT INTO region (kode, navn, iso)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
     ON CONFLICT (kode) DO UPDATE SET navn = EXCLUDED.navn, iso = EXCLUDED.iso`,
    [regions.map((r) => r.region_kode), regions.map((r) => r.region_navn), regions.map((r) => r.region_iso_3166_2)],
  );
  await db.pool.query(
    `INSERT INTO kommune (kode, navn, region_kode, landsdel)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
     ON CONFLICT (kode) DO UPDATE SET navn = EXCLUDED.navn, region_kode = EXCLUDED.region_kode, landsdel = EXCLUDED.landsdel`,
    [
      municipalities.map((m) => m.kommunekode),
      municipalities.map((m) => m.kommunenavn),
      municipalities.map((m) => m.region_kode),
      municipalities.map((m) => m.landsdel),
    ],
  );
}

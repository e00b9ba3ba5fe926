import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from './config.ts';
import type { Db } from './db/index.ts';
import { DEMO_KILDE, DEMO_KOMMUNE, DEMO_LOAD_ORDER, generateKommune, writeImportFiles } from '../demo/kommune.ts';
import { runImport } from './features/imports/importer.ts';
import { systemActor, type Role } from './http/access.ts';
import type { Keyring } from './shared/crypto.ts';
import { createUser } from './features/users/commands.ts';
import { userByUsername } from './features/users/store.ts';
import { createAnsoeger } from './features/ansoegere/personal.ts';
import { DEMO_LANDSGENNEMSNIT, DEMO_LANDSGENNEMSNIT_KILDE } from '../demo/arealists.ts';
import { indicatorsFromFigures, loadAreaFigures, loadLandsgennemsnit } from './features/arealists/register-input.ts';
import { saveComputation } from './features/arealists/store.ts';
import { loadLaw } from './law/params.ts';
import { defaultTrappemodel } from './rules/udlejning.ts';
import { computePlacements } from './features/udlejning/placement.ts';
import { coveredAfdelinger, getAftale, insertPlaceringer, saveAftale } from './features/udlejning/store.ts';

/** The demo users' shared password: printed in the README, and only ever created together with demo data. */
export const DEMO_PASSWORD = 'Eksempel-Kommune-2026';
export const DEMO_USERS: { username: string; display_name: string; role: Role }[] = [
  { username: 'admin', display_name: 'Ada Administrator (demo)', role: 'administrator' },
  { username: 'boligkontor', display_name: 'Bo Boligkontor (demo)', role: 'boligkontor' },
  { username: 'anvisning', display_name: 'Anna Anvisning (demo)', role: 'anvisning' },
  { username: 'organisation', display_name: 'Otto Organisation (demo)', role: 'boligorganisation' },
  { username: 'laeser', display_name: 'Lis Læser (demo)', role: 'laeser' },
];

/**
 * Loads the generated demo municipality through the ordinary importer, so the demo also proves the
 * import path. ALMEN_DEMO=auto loads it only into an empty embedded database; on: always (idempotent); off: never.
 */
export async function ensureDemo(db: Db, config: Config, keyring: Keyring, log: (m: string) => void = console.log): Promise<boolean> {
  if (config.ALMEN_DEMO === 'off') return false;
  if (config.ALMEN_DEMO === 'auto') {
    if (config.DATABASE_URL) return false;
    const { rows } = await db.pool.query('SELECT EXISTS (SELECT 1 FROM afdeling) AS has_data');
    if (rows[0].has_data) return false;
  }
  await loadDemo(db, keyring, log);
  return true;
}

export async function loadDemo(db: Db, keyring: Keyring, log: (m: string) => void = () => {}): Promise<void> {
  const actor = systemActor('demo');
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
        actor,
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
  await ensureDemoUsers(db, keyring);
  await computeDemoLists(db);
  await createDemoAgreement(db);
}

/** A demo udlejningsaftale with every demo organisation, the default trappemodel, placed for 2024. */
async function createDemoAgreement(db: Db): Promise<void> {
  const { rows } = await db.pool.query('SELECT 1 FROM udlejningsaftale WHERE kommunekode = $1', [DEMO_KOMMUNE.kode]);
  if (rows.length) return;
  const actor = systemActor('demo');
  const params = loadLaw();
  const orgs = await db.pool.query('SELECT id FROM boligorganisation WHERE kommunekode = $1 ORDER BY id', [DEMO_KOMMUNE.kode]);
  const id = await saveAftale(db, actor, {
    kommunekode: DEMO_KOMMUNE.kode,
    navn: 'Fælles udlejningsaftale 2024-2027 (demo)',
    gyldig_fra: '2024-01-01',
    gyldig_til: '2027-12-31',
    status: 'gaeldende',
    fleksibel_udlejning: true,
    maal: 'Demodata: en blandet beboersammensætning i alle afdelinger; ingen afdeling over 40 % uden for arbejdsmarkedet i 2027.',
    maalsaetninger: [
      { tekst: 'Højst 25 % uden for arbejdsmarkedet i aftalens afdelinger samlet (demomål)', noegletal: 'uden_for_arbejde_pct', operator: '<=', vaerdi: 25, senest_aar: 2027, gaelder: 'alle_afdelinger' },
    ],
    samarbejde: { politisk_moede: 'Årligt boligpolitisk møde i marts', embedsmandsgruppe: 'Boligkontoret og organisationernes udlejningschefer, kvartalsvis' },
    trappemodel: defaultTrappemodel(params, '2024-01-01'),
    parter: orgs.rows.map((r) => Number(r.id)),
  });
  const aftale = await getAftale(db, id, [DEMO_KOMMUNE.kode]);
  await insertPlaceringer(db, actor, 'placer', aftale, computePlacements(aftale, await coveredAfdelinger(db, aftale, 2023), 2024));
}

/** Demo national averages (never over real ones) and the demo municipality's lists computed from its register. */
async function computeDemoLists(db: Db): Promise<void> {
  for (const v of DEMO_LANDSGENNEMSNIT) {
    await db.pool.query(
      `INSERT INTO liste_landsgennemsnit (aar, doemte_pct, kilde, opdateret_af) VALUES ($1, $2, $3, 'demo') ON CONFLICT (aar) DO NOTHING`,
      [v.aar, v.doemte_pct, DEMO_LANDSGENNEMSNIT_KILDE],
    );
  }
  const params = loadLaw();
  const { rows, mangler } = indicatorsFromFigures(await loadAreaFigures(db, DEMO_KOMMUNE.kode), await loadLandsgennemsnit(db), params);
  await saveComputation(db, systemActor('demo'), params, { kommunekode: DEMO_KOMMUNE.kode, kilde: 'register', rows, mangler });
}

async function ensureDemoUsers(db: Db, keyring: Keyring): Promise<void> {
  const actor = systemActor('demo');
  const { rows } = await db.pool.query('SELECT id FROM boligorganisation WHERE kommunekode = $1 ORDER BY lbf_nr LIMIT 1', [DEMO_KOMMUNE.kode]);
  for (const u of DEMO_USERS) {
    if (await userByUsername(db.pool, u.username)) continue;
    await createUser(db, actor, {
      username: u.username,
      display_name: u.display_name,
      password: DEMO_PASSWORD,
      grants: [{ role: u.role, kommunekode: DEMO_KOMMUNE.kode, boligorganisation_id: u.role === 'boligorganisation' ? rows[0].id : null }],
    });
  }
  const existing = await db.pool.query('SELECT count(*)::int AS n FROM ansoeger WHERE kommunekode = $1', [DEMO_KOMMUNE.kode]);
  if (existing.rows[0].n > 0) return;
  // Fictional applicants (invented names; birth dates with serial 0000) so the anvisning role has cases to see.
  const applicants = [
    { cpr: '0103850000', navn: 'Demo Ansøger Jensen', maalgruppe: 'hjemløse' },
    { cpr: '1507920000', navn: 'Demo Ansøger Nielsen', maalgruppe: 'flygtninge' },
    { cpr: '2211670000', navn: 'Demo Ansøger Hansen', maalgruppe: 'handicappede' },
  ];
  for (const a of applicants) await createAnsoeger(db, keyring, actor, { kommunekode: DEMO_KOMMUNE.kode, ...a });
}

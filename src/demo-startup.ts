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
import { sagSchema, saveSag } from './features/ansoegere/sag.ts';
import { decideLedig, offerLedig } from './features/anvisning/ledige.ts';
import { createKrav } from './features/anvisning/krav.ts';
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
  const ids: number[] = [];
  for (const a of applicants) ids.push((await createAnsoeger(db, keyring, actor, { kommunekode: DEMO_KOMMUNE.kode, ...a })).id);
  await demoAnvisning(db, keyring, ids);
}

/**
 * Demo casework for kommunal anvisning (generated, fictional): case data for the demo applicants, vacancies the
 * demo organisations offered (one returned as too expensive, as seed 003 describes), and one claim.
 */
async function demoAnvisning(db: Db, keyring: Keyring, ansoegere: number[]): Promise<void> {
  const actor = systemActor('demo');
  const K = DEMO_KOMMUNE.kode;
  const months = (art: string, fra: string, n: number) =>
    Array.from({ length: n }, (_, i) => {
      const d = new Date(`${fra}-01T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + i);
      return { maaned: d.toISOString().slice(0, 7), art };
    });
  const ydelser = (maaneder: { maaned: string; art: string }[]) => ({ oplystFra: '2025-01', oplystTil: '2026-12', maaneder });
  const member = (over: object) => ({ rolle: 'ansoeger', euEoesSchweiz: true, studerende: false, loesladelser: [], lejemaalOphaevet: [], ...over });
  const cases = [
    { husstand: { medlemmer: [member({ id: 'a', navn: 'Ansøger', foedselsdato: '1985-03-01', ydelser: ydelser(months('kontanthjaelp', '2025-01', 24)) })], husstandsindkomstAar: 146000 },
      aarsag: 'Demodata: hjemløs efter udsættelse.', prioritet: 1, ansoegt_dato: '2026-05-04', vaerelser_min: 1, vaerelser_max: 2 },
    { husstand: { medlemmer: [member({ id: 'a', navn: 'Ansøger', foedselsdato: '1992-07-15', ydelser: ydelser([]) }), member({ id: 'b', rolle: 'aegtefaelle', foedselsdato: '1994-02-02', ydelser: ydelser([]) }), { id: 'c', rolle: 'barn', alder: 4 }, { id: 'd', rolle: 'barn', alder: 1 }], husstandsindkomstAar: 312000 },
      aarsag: 'Demodata: familiesammenføring, bor i midlertidig bolig.', prioritet: 2, ansoegt_dato: '2026-02-16', vaerelser_min: 3, vaerelser_max: 4 },
    { husstand: { medlemmer: [member({ id: 'a', navn: 'Ansøger', foedselsdato: '1967-11-22', ydelser: ydelser(months('foertidspension', '2025-01', 24)) })], husstandsindkomstAar: 228000 },
      aarsag: 'Demodata: har brug for en tilgængelig bolig.', prioritet: 2, ansoegt_dato: '2026-08-10', vaerelser_min: 2, vaerelser_max: 3, tilgaengelig_behov: true },
  ];
  for (const [i, c] of cases.entries()) {
    await saveSag(db, keyring, actor, [K], ansoegere[i], sagSchema.parse(c));
  }
  const afd = await db.pool.query(
    `SELECT a.id, a.navn, a.boligorganisation_id FROM afdeling a WHERE a.kommunekode = $1 AND a.antal_familie > 20 ORDER BY a.afdelingsnummer, a.id LIMIT 3`,
    [K],
  );
  const scope = { kommuner: [K], organisationer: [] };
  const offers = [
    { vaerelser: 2, areal_m2: 58, husleje_maaned: 4350, adresse: 'Demovej 3, 2. tv.' },
    { vaerelser: 4, areal_m2: 104, husleje_maaned: 8900, adresse: 'Demovej 11, st. th.' },
    { vaerelser: 3, areal_m2: 79, husleje_maaned: 5600, adresse: 'Demoparken 5, 1.' },
  ];
  const made = [];
  for (const [i, o] of offers.entries()) {
    made.push(await offerLedig(db, actor, scope, { afdeling_id: Number(afd.rows[i % afd.rows.length].id), tilgaengelig: i === 2, ledig_fra: '2027-01-01', svarfrist: '2026-12-15', ...o }));
  }
  await decideLedig(db, actor, [K], made[1].id, { brug: false, grund: 'for_dyr', tekst: 'Demodata: 8.900 kr. er over målgruppens betalingsevne.' });
  await createKrav(db, actor, scope, { boligorganisation_id: made[0].boligorganisation_id, anvisningsbolig_id: made[0].id, art: 'tomgangsleje', beloeb: 4350, periode_fra: '2026-10-01', periode_til: '2026-10-31', beskrivelse: 'Demodata: tom i oktober.' });
}

// Issue 3: every API route declares a policy, and every route answers every role as this table says.
// The table is written by hand, independently of the policies in the code, so a changed policy fails here.
import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeDb } from '../../tests/db.ts';
import * as f from '../../tests/factories.ts';
import { buildTestApp, grant, sessionFor, type AuthHeaders } from '../../tests/app.ts';
import type { App } from './server.ts';
import { systemActor, type Role } from './access.ts';
import { saveComputation } from '../features/arealists/store.ts';
import { loadLaw } from '../law/params.ts';
import { defaultTrappemodel } from '../rules/udlejning.ts';

const K = '0101';
const OTHER = '0147';
type Who = Role | 'anonym';
const everyone: Who[] = ['administrator', 'boligkontor', 'anvisning', 'boligorganisation', 'laeser', 'anonym'];
const signedIn: Role[] = ['administrator', 'boligkontor', 'anvisning', 'boligorganisation', 'laeser'];

interface Case {
  /** Roles answered with success; others 403, anonymous 401 (unless public). */
  allowed: Who[] | 'public';
  url?: (ids: Record<string, number>) => string;
  payload?: (ids: Record<string, number>) => unknown;
}

// METHOD + route pattern -> expectation. Keep in step with the routes: a route missing here fails the test.
const table: Record<string, Case> = {
  'GET /api/health': { allowed: 'public' },
  'GET /api/openapi.json': { allowed: 'public' },
  'GET /api/auth/me': { allowed: 'public' },
  'POST /api/auth/login': { allowed: 'public', payload: () => ({ username: 'ingen', password: 'forkert-kode' }) },
  'POST /api/auth/logout': { allowed: signedIn },
  'POST /api/auth/password': { allowed: signedIn, payload: () => ({ current_password: 'Test-adgangskode-2026', new_password: 'Nyt-og-langt-kodeord-1' }) },
  'GET /api/auth/oidc/login': { allowed: 'public' },
  'GET /api/auth/oidc/callback': { allowed: 'public' },
  'GET /api/brugere': { allowed: ['administrator'] },
  'POST /api/brugere': { allowed: ['administrator'], payload: () => ({ username: `ny${Date.now()}${Math.floor(Math.random() * 1e6)}`, display_name: 'Ny', roles: [] }) },
  'PATCH /api/brugere/:id': { allowed: ['administrator'], url: (i) => `/api/brugere/${i.laeserUser}`, payload: () => ({ display_name: 'Læser' }) },
  'GET /api/audit': { allowed: ['administrator'] },
  'GET /api/kommuner': { allowed: signedIn },
  'GET /api/boligorganisationer': { allowed: signedIn },
  'GET /api/boligorganisationer/:id': { allowed: signedIn, url: (i) => `/api/boligorganisationer/${i.org}` },
  'GET /api/afdelinger': { allowed: signedIn },
  'GET /api/afdelinger/:id': { allowed: signedIn, url: (i) => `/api/afdelinger/${i.afd}` },
  'GET /api/boligomraader': { allowed: ['administrator', 'boligkontor', 'anvisning', 'laeser'] },
  'GET /api/boligomraader/:id': { allowed: ['administrator', 'boligkontor', 'anvisning', 'laeser'], url: (i) => `/api/boligomraader/${i.omr}` },
  'GET /api/boliger': { allowed: ['administrator', 'boligkontor', 'anvisning', 'boligorganisation'] },
  'GET /api/noegletal': { allowed: signedIn },
  'GET /api/overview': { allowed: ['administrator', 'boligkontor', 'anvisning', 'laeser'], url: () => `/api/overview?kommunekode=${K}` },
  'GET /api/ansoegere': { allowed: ['anvisning'] },
  'GET /api/ansoegere/:id': { allowed: ['anvisning'], url: (i) => `/api/ansoegere/${i.ansoeger}` },
  'POST /api/ansoegere/:id/vis-cpr': { allowed: ['anvisning'], url: (i) => `/api/ansoegere/${i.ansoeger}/vis-cpr` },
  'POST /api/ansoegere/:id/luk': { allowed: ['anvisning'], url: (i) => `/api/ansoegere/${i.ansoegerToClose}/luk` },
  'GET /api/ansoegere/:id/sag': { allowed: ['anvisning'], url: (i) => `/api/ansoegere/${i.ansoeger}/sag` },
  'PUT /api/ansoegere/:id/sag': {
    allowed: ['anvisning'],
    url: (i) => `/api/ansoegere/${i.ansoeger}/sag`,
    payload: () => ({ husstand: { medlemmer: [{ id: 'a', rolle: 'ansoeger' }] }, prioritet: 2, ansoegt_dato: '2026-01-05' }),
  },
  'GET /api/ansoegere/:id/journal': { allowed: ['anvisning'], url: (i) => `/api/ansoegere/${i.ansoeger}/journal` },
  'POST /api/ansoegere/:id/journal': { allowed: ['anvisning'], url: (i) => `/api/ansoegere/${i.ansoeger}/journal`, payload: () => ({ haendelse: 'Samtale' }) },
  'POST /api/ansoegere': { allowed: ['anvisning'], payload: () => ({ kommunekode: K, cpr: '010190-1234', navn: 'Test Testesen', maalgruppe: 'hjemløse' }) },
  // The formats and templates are documentation: no data behind them.
  'GET /api/import-formats': { allowed: 'public' },
  'GET /api/import-formats/:kind/template.csv': { allowed: 'public', url: () => '/api/import-formats/afdelinger/template.csv' },
  'GET /api/import-formats/:kind/template.xlsx': { allowed: 'public', url: () => '/api/import-formats/afdelinger/template.xlsx' },
  'GET /api/imports': { allowed: ['administrator', 'boligkontor'] },
  'GET /api/imports/running': { allowed: ['administrator', 'boligkontor'] },
  'GET /api/imports/:id': { allowed: ['administrator', 'boligkontor'], url: (i) => `/api/imports/${i.job}` },
  'GET /api/imports/:id/progress': { allowed: ['administrator', 'boligkontor'], url: (i) => `/api/imports/${i.job}/progress` },
  'POST /api/imports': { allowed: ['administrator', 'boligkontor'] },
  // The area lists are the municipality's (like boligområder); computing and importing is the housing office's.
  'GET /api/lister/oversigt': { allowed: ['administrator', 'boligkontor', 'anvisning', 'laeser'], url: () => `/api/lister/oversigt?kommunekode=${K}` },
  'GET /api/lister/omraader/:kode': { allowed: ['administrator', 'boligkontor', 'anvisning', 'laeser'], url: () => `/api/lister/omraader/BO-MATRIX?kommunekode=${K}` },
  'GET /api/lister/omraader/:kode/forklaring': {
    allowed: ['administrator', 'boligkontor', 'anvisning', 'laeser'],
    url: () => `/api/lister/omraader/BO-MATRIX/forklaring?kommunekode=${K}&format=xlsx`,
  },
  'GET /api/lister/resultater': { allowed: ['administrator', 'boligkontor', 'anvisning', 'laeser'], url: () => `/api/lister/resultater?kommunekode=${K}` },
  'GET /api/lister/afvigelser': { allowed: ['administrator', 'boligkontor', 'anvisning', 'laeser'], url: () => `/api/lister/afvigelser?kommunekode=${K}` },
  'GET /api/lister/landsgennemsnit': { allowed: ['administrator', 'boligkontor', 'anvisning', 'laeser'] },
  'GET /api/lister/beregninger/:id/genberegning': { allowed: ['administrator', 'boligkontor', 'anvisning', 'laeser'], url: (i) => `/api/lister/beregninger/${i.beregning}/genberegning` },
  'PUT /api/lister/landsgennemsnit/:aar': { allowed: ['administrator'], url: () => '/api/lister/landsgennemsnit/2019', payload: () => ({ doemte_pct: 0.76, kilde: 'Test' }) },
  'POST /api/lister/beregn': { allowed: ['administrator', 'boligkontor'], payload: () => ({ kommunekode: K }) },
  'POST /api/lister/indikatorfil': { allowed: ['administrator', 'boligkontor'] },
  'POST /api/lister/offentliggjort': { allowed: ['administrator', 'boligkontor'] },
  'POST /api/lister/personfil': { allowed: ['administrator', 'boligkontor'] },
  // The udlejningsaftale is the municipality's; its organisations see it through the municipality for now.
  'GET /api/udlejningsaftaler': { allowed: ['administrator', 'boligkontor', 'anvisning', 'laeser'] },
  'GET /api/udlejningsaftaler/:id': { allowed: ['administrator', 'boligkontor', 'anvisning', 'laeser'], url: (i) => `/api/udlejningsaftaler/${i.aftale}?aar=2024` },
  'GET /api/udlejningsaftaler/:id/placering/:afdelingId': { allowed: ['administrator', 'boligkontor', 'anvisning', 'laeser'], url: (i) => `/api/udlejningsaftaler/${i.aftale}/placering/${i.afd}` },
  'PUT /api/udlejning/udlejninger': {
    allowed: ['administrator', 'boligkontor'],
    payload: (i) => ({ afdeling_id: i.afd, aar: 2024, ledige_familieboliger: 5, venteliste: 3, fleksibel_udlejning: 0, kommunal_anvisning: 1, intern_oprykning: 0, andet: 0 }),
  },
  'GET /api/udlejningsaftaler/:id/prognose': { allowed: ['administrator', 'boligkontor', 'anvisning', 'laeser'], url: (i) => `/api/udlejningsaftaler/${i.aftale}/prognose?koersler=100` },
  'GET /api/anvisning/ledige': { allowed: ['administrator', 'boligkontor', 'anvisning', 'boligorganisation'] },
  'POST /api/anvisning/ledige': {
    allowed: ['administrator', 'boligkontor', 'anvisning', 'boligorganisation'],
    payload: (i) => ({ afdeling_id: i.afd, adresse: 'Matrixvej 1', vaerelser: 2, areal_m2: 60, husleje_maaned: 4500, ledig_fra: '2026-02-01', svarfrist: '2026-01-15' }),
  },
  'GET /api/anvisning/ledige/:id': { allowed: ['administrator', 'boligkontor', 'anvisning', 'boligorganisation'], url: (i) => `/api/anvisning/ledige/${i.ledig1}` },
  'GET /api/anvisning/ledige/:id/kandidater': { allowed: ['anvisning'], url: (i) => `/api/anvisning/ledige/${i.ledig1}/kandidater` },
  'GET /api/ansoegere/:id/boliger': { allowed: ['anvisning'], url: (i) => `/api/ansoegere/${i.ansoeger}/boliger` },
  'GET /api/anvisning/krav': { allowed: ['administrator', 'boligkontor', 'anvisning', 'boligorganisation'] },
  'POST /api/anvisning/krav': {
    allowed: ['administrator', 'boligkontor', 'anvisning', 'boligorganisation'],
    payload: (i) => ({ boligorganisation_id: i.org, art: 'andet', beloeb: 100 }),
  },
  'POST /api/anvisning/krav/:id/afgoerelse': { allowed: ['administrator', 'boligkontor', 'anvisning'], url: () => '/api/anvisning/krav/999999/afgoerelse', payload: () => ({ status: 'afvist', grund: 'x' }) },
  'GET /api/anvisning/billige-boliger': { allowed: ['administrator', 'boligkontor', 'anvisning'], url: () => `/api/anvisning/billige-boliger?kommunekode=${K}` },
  'GET /api/anvisning/statistik': { allowed: ['administrator', 'boligkontor', 'anvisning'], url: () => `/api/anvisning/statistik?kommunekode=${K}` },
  'GET /api/anvisning/midlertidige': { allowed: ['anvisning'] },
  'POST /api/anvisning/midlertidige': { allowed: ['anvisning'], payload: (i) => ({ ansoeger_id: i.ansoeger, art: 'delebolig', fra: '2026-01-01', til: '2026-12-31' }) },
  'POST /api/anvisning/midlertidige/:id/afslut': { allowed: ['anvisning'], url: () => '/api/anvisning/midlertidige/999999/afslut' },
  'POST /api/anvisning/tildeling': { allowed: ['anvisning'], payload: () => ({ kommunekode: K }) },
  'GET /api/anvisning/tilbud': { allowed: ['anvisning'] },
  'POST /api/anvisning/tilbud': { allowed: ['anvisning'], payload: (i) => ({ anvisningsbolig_id: i.ledig1, ansoeger_id: i.ansoeger }) },
  'POST /api/anvisning/tilbud/:id/svar': { allowed: ['anvisning'], url: () => '/api/anvisning/tilbud/999999/svar', payload: () => ({ svar: 'udeblevet' }) },
  'POST /api/anvisning/ledige/:id/brug': { allowed: ['anvisning'], url: (i) => `/api/anvisning/ledige/${i.ledig1}/brug` },
  'POST /api/anvisning/ledige/:id/returner': { allowed: ['anvisning'], url: (i) => `/api/anvisning/ledige/${i.ledig2}/returner`, payload: () => ({ grund: 'for_dyr' }) },
  'GET /api/udlejningsaftaler/:id/evaluering': { allowed: ['administrator', 'boligkontor', 'anvisning', 'laeser'], url: (i) => `/api/udlejningsaftaler/${i.aftale}/evaluering?aar=2024` },
  'GET /api/udlejningsaftaler/:id/dokument': { allowed: ['administrator', 'boligkontor', 'anvisning', 'laeser'], url: (i) => `/api/udlejningsaftaler/${i.aftale}/dokument?aar=2024` },
  'GET /api/udlejning/standardtrappe': { allowed: ['administrator', 'boligkontor', 'anvisning', 'laeser'], url: () => '/api/udlejning/standardtrappe?dato=2026-01-01' },
  'GET /api/udlejning/kvoter': { allowed: ['administrator', 'boligkontor', 'anvisning', 'laeser'], url: (i) => `/api/udlejning/kvoter?aftale_id=${i.aftale}` },
  'POST /api/udlejningsaftaler': { allowed: ['administrator', 'boligkontor'], payload: () => ({ kommunekode: K, navn: 'Matrixaftale', gyldig_fra: '2024-01-01', gyldig_til: '2027-12-31' }) },
  'PUT /api/udlejningsaftaler/:id': {
    allowed: ['administrator', 'boligkontor'],
    url: (i) => `/api/udlejningsaftaler/${i.aftale}`,
    payload: () => ({ kommunekode: K, navn: 'Matrixaftale', gyldig_fra: '2024-01-01', gyldig_til: '2027-12-31' }),
  },
  'GET /api/udlejningsaftaler/:id/versioner': { allowed: ['administrator', 'boligkontor', 'anvisning', 'laeser'], url: (i) => `/api/udlejningsaftaler/${i.aftale}/versioner` },
  'POST /api/udlejningsaftaler/:id/bilag': { allowed: ['administrator', 'boligkontor'], url: (i) => `/api/udlejningsaftaler/${i.aftale}/bilag`, payload: () => ({ aar: 2024, titel: 'Bilag' }) },
  'POST /api/udlejningsaftaler/:id/placering': { allowed: ['administrator', 'boligkontor'], url: (i) => `/api/udlejningsaftaler/${i.aftale}/placering`, payload: () => ({ aar: 2024 }) },
  'PUT /api/udlejningsaftaler/:id/placering/:afdelingId': {
    allowed: ['administrator', 'boligkontor'],
    url: (i) => `/api/udlejningsaftaler/${i.aftale}/placering/${i.afd}`,
    payload: () => ({ aar: 2024, trin: null }),
  },
};

describeDb('access: policies and role matrix', (ctx) => {
  let app: App;
  const ids: Record<string, number> = {};
  const sessions = {} as Record<Role, AuthHeaders>;

  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
    const db = ctx.db;
    await f.truncateRegister(db);
    const org = await f.boligorganisation(db, { kommunekode: K });
    const otherOrg = await f.boligorganisation(db, { kommunekode: K });
    ids.org = org.id;
    ids.otherOrg = otherOrg.id;
    ids.afd = (await f.afdeling(db, { kommunekode: K, boligorganisation_id: org.id })).id;
    ids.otherAfd = (await f.afdeling(db, { kommunekode: K, boligorganisation_id: otherOrg.id })).id;
    ids.foreignAfd = (await f.afdeling(db, { kommunekode: OTHER })).id;
    ids.omr = (await f.boligomraade(db, { kommunekode: K, afdeling_ids: [ids.afd] })).id;
    ids.job = (await f.importJob(db, { state: 'succeeded' })).id;
    const row = { listeaar: 2024, omraade_kode: 'BO-MATRIX', omraade_navn: 'Matrixparken', kommunekode: Number(K), beboere: 1200, ikkevestlige_pct: 20 };
    const pcts = { udenfor_pct_aar1: 30, udenfor_pct_aar2: 30, doemte_pct_aar1: 1, doemte_pct_aar2: 1, doemte_landsgns_pct_aar1: 0.7, doemte_landsgns_pct_aar2: 0.7, grundskole_pct: 30, indkomst_pct_af_region: 80 };
    const ledig = async () =>
      Number(
        (
          await db.pool.query(
            `INSERT INTO anvisningsbolig (kommunekode, afdeling_id, boligorganisation_id, adresse, vaerelser, areal_m2, husleje_maaned, ledig_fra, svarfrist, tilbudt_af)
             VALUES ($1, $2, $3, 'Matrixvej 2', 2, 60, 4500, '2026-02-01', '2026-01-15', 'test') RETURNING id`,
            [K, ids.afd, org.id],
          )
        ).rows[0].id,
      );
    ids.ledig1 = await ledig();
    ids.ledig2 = await ledig();
    ids.aftale = (await db.pool.query(
      `INSERT INTO udlejningsaftale (kommunekode, navn, gyldig_fra, gyldig_til, trappemodel, oprettet_af) VALUES ($1, 'Matrix', '2024-01-01', '2027-12-31', $2, 'test') RETURNING id`,
      [K, JSON.stringify(defaultTrappemodel(loadLaw(), '2024-01-01'))],
    )).rows[0].id;
    await db.pool.query('INSERT INTO udlejningsaftale_part (aftale_id, boligorganisation_id) VALUES ($1, $2)', [ids.aftale, org.id]);
    ids.beregning = (await saveComputation(db, systemActor('test'), loadLaw(), { kommunekode: K, kilde: 'indikatorfil', rows: [{ ...row, ...pcts }], mangler: [] })).id;
    for (const role of signedIn) {
      sessions[role] = await sessionFor(app, db, [grant(role, K, role === 'boligorganisation' ? org.id : null)]);
    }
    const mk = async (kommunekode: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/ansoegere',
          headers: sessions.anvisning,
          payload: { kommunekode, cpr: '020285-4321', navn: 'Anna Andersen', maalgruppe: 'flygtninge' },
        })
      ).json().id;
    ids.ansoeger = await mk(K);
    ids.ansoegerToClose = await mk(K);
    const { rows } = await db.pool.query("SELECT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE r.role = 'laeser'");
    ids.laeserUser = rows[0].id;
  });
  afterAll(() => app?.close());

  it('every API route declares a policy, and the table covers every route', () => {
    const api = app.almenRoutes.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
    expect(api.length).toBeGreaterThan(20);
    expect(api.filter((r) => !r.policy).map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const keys = api.map((r) => `${r.method} ${r.url}`);
    expect(keys.filter((k) => !(k in table))).toEqual([]);
    expect(Object.keys(table).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('answers every route for every role (and no session) as the table says', async () => {
    const failures: string[] = [];
    for (const [key, c] of Object.entries(table)) {
      const [method, pattern] = key.split(' ');
      // Logging out or changing the password would end the session the rest of the matrix uses.
      const mutatesSession = key === 'POST /api/auth/logout' || key === 'POST /api/auth/password';
      for (const who of everyone) {
        if (mutatesSession && who !== 'anonym') continue;
        const url = c.url ? c.url(ids) : pattern;
        const res = await app.inject({
          method: method as 'GET',
          url,
          headers: who === 'anonym' ? {} : sessions[who],
          ...(c.payload ? { payload: c.payload(ids) as object } : {}),
        });
        const s = res.statusCode;
        let ok: boolean;
        if (c.allowed === 'public') ok = s !== 403 && s !== 500;
        else if (who === 'anonym') ok = s === 401;
        else if (c.allowed.includes(who)) ok = s !== 401 && s !== 403 && s < 500;
        else ok = s === 403;
        if (!ok) failures.push(`${key} som ${who}: ${s} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('signed-in roles get a success on the GET routes they may use', async () => {
    for (const [key, c] of Object.entries(table)) {
      const [method, pattern] = key.split(' ');
      if (method !== 'GET' || c.allowed === 'public' || key.includes('oidc')) continue;
      for (const who of c.allowed as Role[]) {
        const res = await app.inject({ method: 'GET', url: c.url ? c.url(ids) : pattern, headers: sessions[who] });
        expect(res.statusCode, `${key} som ${who}: ${res.body.slice(0, 200)}`).toBe(200);
      }
    }
  });

  it('an organisation sees only its own afdelinger; another organisation\'s is answered 404', async () => {
    const h = sessions.boligorganisation;
    const list = (await app.inject({ method: 'GET', url: '/api/afdelinger', headers: h })).json();
    expect(list.items.map((a: { id: number }) => a.id)).toEqual([ids.afd]);
    expect((await app.inject({ method: 'GET', url: `/api/afdelinger/${ids.otherAfd}`, headers: h })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/boligorganisationer/${ids.otherOrg}`, headers: h })).statusCode).toBe(404);
    const boliger = (await app.inject({ method: 'GET', url: `/api/boliger?afdeling_id=${ids.otherAfd}`, headers: h })).json();
    expect(boliger.total).toBe(0);
  });

  it('a municipality\'s users do not see another municipality\'s data', async () => {
    const h = sessions.boligkontor;
    expect((await app.inject({ method: 'GET', url: `/api/afdelinger/${ids.foreignAfd}`, headers: h })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/overview?kommunekode=${OTHER}`, headers: h })).statusCode).toBe(404);
    const kommuner = (await app.inject({ method: 'GET', url: '/api/kommuner', headers: h })).json();
    expect(kommuner.items.map((k: { kode: string }) => k.kode)).toEqual([K]);
    const afd = (await app.inject({ method: 'GET', url: `/api/afdelinger?kommunekode=${OTHER}`, headers: h })).json();
    expect(afd.total).toBe(0);
  });

  it('an applicant of another municipality is answered 404, not 403', async () => {
    const elsewhere = await sessionFor(app, ctx.db, [grant('anvisning', OTHER)]);
    expect((await app.inject({ method: 'GET', url: `/api/ansoegere/${ids.ansoeger}`, headers: elsewhere })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: `/api/ansoegere/${ids.ansoeger}/vis-cpr`, headers: elsewhere })).statusCode).toBe(404);
  });
});

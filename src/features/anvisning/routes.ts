// Kommunal anvisning over HTTP (issue 6): vacancies offered under the anvisningsret and the municipality's answer.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../http/server.ts';
import { accessOf } from '../../http/auth.ts';
import type { Role } from '../../http/access.ts';
import { DomainError } from '../../errors.ts';
import { listRoute } from '../../shared/list-route.ts';
import { errorSchema, formatParam, idParam, idParams, kommunekodeParam } from '../../shared/query.ts';
import { decideLedig, getLedig, listLedige, offerLedig, returGrunde, type Ledig, type LedigScope } from './ledige.ts';
import { rankCandidates, rankVacancies } from './matching.ts';
import { proposeAssignment } from './forslag.ts';
import { answerTilbud, createTilbud, listTilbud } from './tilbud.ts';
import { balances, createKrav, decideKrav, listKrav } from './krav.ts';
import { STANDARD_HUSLEJEGRAENSER, cheapHousing, closeMidlertidig, createMidlertidig, listMidlertidige, statistics } from './oversigt.ts';
import { statisticsPdf, statisticsXlsx } from './statistik-export.ts';
import { getKommune } from '../register/store.ts';
import { openCases } from '../ansoegere/sag.ts';
import { getAnsoeger, logRead } from '../ansoegere/personal.ts';
import { categoriesForLettingYear } from '../udlejning/store.ts';
import { loadLaw } from '../../law/params.ts';
import { rulesFromConfig } from '../../shared/suppression.ts';
import { danishToday } from '../../shared/dansk-tid.ts';

const tags = ['Anvisning'];
/** The municipality's side of anvisning; organisations take part with their own offers only. */
const kommuneRoles: readonly Role[] = ['administrator', 'boligkontor', 'anvisning'];
const offerPolicy = { roles: [...kommuneRoles, 'boligorganisation'] as Role[] };
const decidePolicy = { roles: ['anvisning'] as Role[] };
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Datoen skal skrives ÅÅÅÅ-MM-DD.' });

const ledigItem = z.object({
  id: z.number(),
  kommunekode: z.string(),
  afdeling_id: z.number(),
  afdeling_navn: z.string(),
  boligorganisation_id: z.number(),
  boligorganisation_navn: z.string(),
  adresse: z.string(),
  vaerelser: z.number(),
  areal_m2: z.number(),
  husleje_maaned: z.number(),
  tilgaengelig: z.boolean(),
  ledig_fra: z.string(),
  svarfrist: z.string(),
  status: z.enum(['tilbudt', 'brugt', 'returneret']),
  retur_grund: z.enum(['for_dyr', 'forkert_stoerrelse', 'ingen_egnet_ansoeger', 'andet']).nullable(),
  retur_tekst: z.string().nullable(),
  tilbudt_at: z.string(),
  tilbudt_af: z.string(),
  besluttet_at: z.string().nullable(),
  besluttet_af: z.string().nullable(),
}) satisfies z.ZodType<Ledig>;

function scopeOf(req: FastifyRequest): LedigScope {
  const a = accessOf(req);
  return { kommuner: a.kommuner(kommuneRoles), organisationer: [...new Set(a.grants.filter((g) => g.role === 'boligorganisation').map((g) => g.boligorganisation_id!))] };
}

export async function anvisningRoutes(app: App, { db, keyring, config }: AppDeps) {
  const params = loadLaw();
  const rules = rulesFromConfig(config);

  app.get(
    '/api/anvisning/ledige/:id/kandidater',
    {
      config: { policy: decidePolicy },
      schema: {
        tags,
        summary: 'Ansøgere til en ledig bolig: egnede rangeret efter prioritet og ventetid, de øvrige med begrundelse (læsningen logges)',
        params: idParams,
        querystring: z.object({ dato: isoDate.optional(), max_andel_pct: z.coerce.number().gt(0).max(100).optional() }),
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req) => {
      const c = await candidateContext(req, req.params.id, req.query.dato);
      const cases = await openCases(db, keyring, c.bolig.kommunekode);
      if (cases.length) await logRead(db, accessOf(req).actor, 'laes-sag', cases);
      return { ...c, kandidater: rankCandidates({ ...c.bolig, kategorier: c.kategorier, dato: c.dato }, cases, params, req.query.max_andel_pct) };
    },
  );

  // The other half of matching: the dwellings for one case. Under /api/ansoegere/:id like the case's other reads
  // (sag, journal); here because it judges with the vacancies' area lists as the candidate list does.
  app.get(
    '/api/ansoegere/:id/boliger',
    {
      config: { policy: decidePolicy },
      schema: {
        tags,
        summary: 'Ledige boliger til en åben sag: kommunens boliger til rådighed vurderet som kandidaterne; passende først efter svarfrist og husleje, de øvrige med begrundelse (læsningen logges)',
        params: idParams,
        querystring: z.object({ dato: isoDate.optional(), max_andel_pct: z.coerce.number().gt(0).max(100).optional() }),
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req) => {
      const a = accessOf(req);
      // A case outside the user's municipalities: 404, as one that does not exist.
      const row = await getAnsoeger(db, a.kommuner(['anvisning']), req.params.id);
      const [sag] = await openCases(db, keyring, row.kommunekode, row.id);
      if (!sag) throw new DomainError('CONFLICT', 'Sagen er lukket; kun åbne sager vurderes til de ledige boliger.');
      await logRead(db, a.actor, 'laes-sag', [sag]);
      const open = await listLedige(db, { kommuner: [row.kommunekode], organisationer: [] }, { kommunekode: row.kommunekode, status: 'tilbudt' });
      const today = danishToday();
      const areaOf = new Map((await db.pool.query('SELECT ba.afdeling_id, bo.kode FROM boligomraade_afdeling ba JOIN boligomraade bo ON bo.id = ba.boligomraade_id WHERE bo.kommunekode = $1', [row.kommunekode])).rows.map((r) => [Number(r.afdeling_id), r.kode as string]));
      const listsByYear = new Map<number, Awaited<ReturnType<typeof categoriesForLettingYear>>>();
      const ledige = [];
      for (const l of open) {
        // Each dwelling on its own date, as its candidate list: the day it falls vacant, or today if that has passed.
        const d = req.query.dato ?? (l.ledig_fra > today ? l.ledig_fra : today);
        const year = Number(d.slice(0, 4));
        if (!listsByYear.has(year)) listsByYear.set(year, await categoriesForLettingYear(db, row.kommunekode, year));
        const cats = listsByYear.get(year)!;
        ledige.push({ ...l, dato: d, kategorier: cats.byArea.get(areaOf.get(l.afdeling_id) ?? '') ?? [], kategorier_fra: { listeaar: cats.listeaar, kilde: cats.kilde } });
      }
      return { ansoeger_id: sag.id, kommunekode: sag.kommunekode, boliger: rankVacancies(sag, ledige, params, req.query.max_andel_pct) };
    },
  );

  app.get(
    '/api/anvisning/tilbud',
    {
      config: { policy: decidePolicy },
      schema: { tags, summary: 'Tilbud til ansøgere og deres udfald', querystring: z.object({ ansoeger_id: idParam('Ansøgeren').optional(), anvisningsbolig_id: idParam('Boligen').optional() }), response: { 200: z.unknown(), ...errors } },
    },
    async (req) => ({ items: await listTilbud(db, accessOf(req).kommuner(['anvisning']), req.query) }),
  );

  app.post(
    '/api/anvisning/tilbud',
    {
      config: { policy: decidePolicy },
      schema: {
        tags,
        summary: 'Tilbyd en ledig bolig til en ansøger (lovens udelukkelser håndhæves; behov og betalingsevne gives som advarsler)',
        body: z.object({ anvisningsbolig_id: idParam('Boligen'), ansoeger_id: idParam('Ansøgeren'), dato: isoDate.optional() }),
        response: { 201: z.unknown(), ...errors },
      },
    },
    async (req, reply) => {
      const c = await candidateContext(req, req.body.anvisningsbolig_id, req.body.dato);
      const sag = (await openCases(db, keyring, c.bolig.kommunekode)).find((x) => x.id === req.body.ansoeger_id);
      if (!sag) throw new DomainError('NOT_FOUND', 'Ansøgeren findes ikke blandt kommunens åbne sager.');
      await logRead(db, accessOf(req).actor, 'laes-sag', [sag]);
      const [k] = rankCandidates({ ...c.bolig, kategorier: c.kategorier, dato: c.dato }, [sag], params);
      const legal = k.grunde.filter((g) => g.slags === 'lov');
      if (legal.length) throw new DomainError('CONFLICT', `Ansøgeren må ikke anvises til boligen: ${legal.map((g) => `${g.paragraf}: ${g.tekst}`).join(' ')}`, { grunde: legal });
      if (k.vurdering === 'ikke_afgjort') throw new DomainError('CONFLICT', `Det kan ikke afgøres, om ansøgeren må anvises til boligen: ${k.grunde.map((g) => g.tekst).join(' ')}`, { grunde: k.grunde });
      const t = await createTilbud(db, accessOf(req).actor, accessOf(req).kommuner(['anvisning']), req.body);
      return reply.code(201).send({ tilbud: t, advarsler: k.grunde });
    },
  );

  app.post(
    '/api/anvisning/tilbud/:id/svar',
    {
      config: { policy: decidePolicy },
      schema: {
        tags,
        summary: 'Registrér ansøgerens svar: accepteret (med lejestart), afslået (med grund), udeblevet, eller annullér tilbuddet',
        params: idParams,
        body: z.discriminatedUnion('svar', [
          z.object({ svar: z.literal('accepteret'), lejestart: isoDate }),
          z.object({ svar: z.literal('afslaaet'), grund: z.enum(['for_dyr', 'beliggenhed', 'stoerrelse', 'andet_tilbud', 'andet'], { error: 'Vælg hvorfor tilbuddet blev afslået.' }) }),
          z.object({ svar: z.literal('udeblevet') }),
          z.object({ svar: z.literal('annulleret') }),
        ]),
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req) => answerTilbud(db, accessOf(req).actor, accessOf(req).kommuner(['anvisning']), req.params.id, req.body),
  );

  const kravStatus = z.enum(['modtaget', 'godkendt', 'afvist', 'betalt'], { error: 'Status skal være modtaget, godkendt, afvist eller betalt.' });
  app.get(
    '/api/anvisning/krav',
    {
      config: { policy: offerPolicy },
      schema: {
        tags,
        summary: 'Krav om tomgangsleje, istandsættelse og restance, og saldo pr. boligorganisation i de samme kommuner (en organisation ser sine egne); saldoen tæller alle statusser',
        querystring: z.object({ kommunekode: kommunekodeParam.optional(), status: kravStatus.optional() }),
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req) => {
      const { kommunekode, status } = req.query;
      const items = await listKrav(db, scopeOf(req), { kommunekode, status });
      return { items, saldo: balances(status ? await listKrav(db, scopeOf(req), { kommunekode }) : items) };
    },
  );

  app.post(
    '/api/anvisning/krav',
    {
      config: { policy: offerPolicy },
      schema: {
        tags,
        summary: 'Registrér et krav mod kommunen for en bolig til kommunens rådighed',
        body: z
          .object({
            boligorganisation_id: idParam('Boligorganisationen'),
            anvisningsbolig_id: idParam('Boligen').nullable().default(null),
            art: z.enum(['tomgangsleje', 'istandsaettelse', 'restance', 'andet'], { error: 'Vælg hvad kravet gælder.' }),
            beloeb: z.number({ error: 'Beløbet skal være et tal.' }).positive({ error: 'Beløbet skal være over 0 kr.' }).max(10_000_000),
            periode_fra: isoDate.nullable().default(null),
            periode_til: isoDate.nullable().default(null),
            beskrivelse: z.string().trim().max(2000).default(''),
          })
          .refine((v) => !v.periode_fra || !v.periode_til || v.periode_til >= v.periode_fra, { error: 'Perioden skal slutte efter, den begynder.', path: ['periode_til'] }),
        response: { 201: z.unknown(), ...errors },
      },
    },
    async (req, reply) => {
      const a = accessOf(req);
      const own = scopeOf(req);
      // An organisation's user claims for its own organisation only.
      if (!a.has(kommuneRoles) && !own.organisationer.includes(req.body.boligorganisation_id)) throw new DomainError('NOT_FOUND', 'Boligorganisationen findes ikke.');
      return reply.code(201).send(await createKrav(db, a.actor, own, req.body));
    },
  );

  app.post(
    '/api/anvisning/krav/:id/afgoerelse',
    {
      config: { policy: { roles: ['administrator', 'boligkontor', 'anvisning'] as Role[] } },
      schema: {
        tags,
        summary: 'Kommunens afgørelse af et krav: godkendt (beløb), afvist (grund) eller betalt (dato)',
        params: idParams,
        body: z.discriminatedUnion('status', [
          z.object({ status: z.literal('godkendt'), godkendt_beloeb: z.number().min(0) }),
          z.object({ status: z.literal('afvist'), grund: z.string().trim().min(1, { error: 'Skriv hvorfor kravet afvises.' }).max(2000) }),
          z.object({ status: z.literal('betalt'), betalt_dato: isoDate }),
        ]),
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req) => {
      await decideKrav(db, accessOf(req).actor, accessOf(req).kommuner(kommuneRoles), req.params.id, req.body);
      return { items: await listKrav(db, scopeOf(req), {}) };
    },
  );

  const graenser = z
    .string()
    .regex(/^\d+(,\d+)*$/, { error: 'Grænserne skrives som kr. adskilt af komma, fx 3500,4000,4500.' })
    .transform((v) => v.split(',').map(Number))
    .refine((xs) => xs.every((x, i) => i === 0 || x > xs[i - 1]), { error: 'Grænserne skal stige.' })
    .optional();
  const thisYear = () => Number(danishToday().slice(0, 4));

  app.get(
    '/api/anvisning/billige-boliger',
    {
      config: { policy: { roles: kommuneRoles as Role[] } },
      schema: { tags, summary: 'Familieboliger efter husleje og områdets kategori (grænser kan vælges)', querystring: z.object({ kommunekode: kommunekodeParam, graenser, aar: z.coerce.number().int().min(2000).max(2100).optional() }), response: { 200: z.unknown(), ...errors } },
    },
    async (req) => {
      if (!accessOf(req).has(kommuneRoles, req.query.kommunekode)) throw new DomainError('NOT_FOUND', 'Kommunen findes ikke.');
      return cheapHousing(db, req.query.kommunekode, req.query.graenser ?? STANDARD_HUSLEJEGRAENSER, req.query.aar ?? thisYear());
    },
  );

  app.get(
    '/api/anvisning/midlertidige',
    {
      config: { policy: decidePolicy },
      schema: {
        tags,
        summary: 'Midlertidige ordninger: huslejetilskud, tidsbegrænsede lejemål, deleboliger; for én sag med ansoeger_id (læsningen logges pr. sag)',
        querystring: z.object({ ansoeger_id: idParam('Ansøgeren').optional() }),
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req) => {
      const a = accessOf(req);
      const kommuner = a.kommuner(['anvisning']);
      // A case outside the user's municipalities: 404, as the case itself.
      if (req.query.ansoeger_id !== undefined) await getAnsoeger(db, kommuner, req.query.ansoeger_id);
      const items = await listMidlertidige(db, kommuner, danishToday(), { ansoeger_id: req.query.ansoeger_id });
      const read = [...new Map(items.map((m) => [m.ansoeger_id, { id: m.ansoeger_id, kommunekode: m.kommunekode }])).values()];
      if (read.length) await logRead(db, a.actor, 'laes-sag', read);
      return { items };
    },
  );

  app.post(
    '/api/anvisning/midlertidige',
    {
      config: { policy: decidePolicy },
      schema: {
        tags,
        summary: 'Opret en midlertidig ordning for en sag',
        body: z
          .object({
            ansoeger_id: idParam('Ansøgeren'),
            anvisningsbolig_id: idParam('Boligen').nullable().default(null),
            art: z.enum(['huslejetilskud', 'tidsbegraenset_lejemaal', 'delebolig'], { error: 'Vælg ordningen.' }),
            beloeb_maaned: z.number().positive().max(100000).nullable().default(null),
            fra: isoDate,
            til: isoDate,
            opfoelgning: isoDate.nullable().default(null),
            ved_udloeb: z.string().trim().max(500).default(''),
          })
          .refine((v) => v.til >= v.fra, { error: 'Ordningen skal slutte efter, den begynder.', path: ['til'] }),
        response: { 201: z.unknown(), ...errors },
      },
    },
    async (req, reply) => reply.code(201).send({ id: await createMidlertidig(db, accessOf(req).actor, accessOf(req).kommuner(['anvisning']), req.body) }),
  );

  app.post(
    '/api/anvisning/midlertidige/:id/afslut',
    { config: { policy: decidePolicy }, schema: { tags, summary: 'Afslut en midlertidig ordning', params: idParams, response: { 200: z.unknown(), ...errors } } },
    async (req) => {
      await closeMidlertidig(db, accessOf(req).actor, accessOf(req).kommuner(['anvisning']), req.params.id);
      return { ok: true };
    },
  );

  app.get(
    '/api/anvisning/statistik',
    {
      config: { policy: { roles: kommuneRoles as Role[] } },
      schema: {
        tags,
        summary: 'Statistik til udvalget: anvisninger efter målgruppe, husleje og kategori; returnerede boliger; ventetider; andel af de ledige familieboliger (json, pdf, xlsx)',
        querystring: z.object({ kommunekode: kommunekodeParam, aar: z.coerce.number().int().min(2000).max(2100).optional(), graenser, format: z.enum(['json', 'pdf', 'xlsx']).default('json') }),
      },
    },
    async (req, reply) => {
      if (!accessOf(req).has(kommuneRoles, req.query.kommunekode)) throw new DomainError('NOT_FOUND', 'Kommunen findes ikke.');
      const kommune = await getKommune(db, req.query.kommunekode);
      if (!kommune) throw new DomainError('NOT_FOUND', 'Kommunen findes ikke.');
      const s = await statistics(db, req.query.kommunekode, req.query.aar ?? thisYear(), req.query.graenser ?? STANDARD_HUSLEJEGRAENSER, params, rules);
      if (req.query.format === 'json') return s;
      const file = `anvisning-${kommune.kode}-${s.aar}.${req.query.format}`;
      reply.header('content-disposition', `attachment; filename="${file}"`).header('cache-control', 'no-store');
      if (req.query.format === 'pdf') return reply.type('application/pdf').send(await statisticsPdf(kommune, s));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await statisticsXlsx(kommune, s));
    },
  );

  app.post(
    '/api/anvisning/tildeling',
    {
      config: { policy: decidePolicy },
      schema: {
        tags,
        summary: 'Forslag til samlet tildeling af alle åbne boliger til alle åbne sager: flest husede inden for reglerne, begrundelse for hver beslutning med sagens nummer og initialer og boligens adresse og afdeling (skriver intet; læsningen logges)',
        body: z.object({ kommunekode: kommunekodeParam, dato: isoDate.optional(), max_andel_pct: z.number().gt(0).max(100).optional() }),
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (req) => {
      const k = req.body.kommunekode;
      if (!accessOf(req).has(['anvisning'], k)) throw new DomainError('NOT_FOUND', 'Kommunen findes ikke.');
      const dato = req.body.dato ?? danishToday();
      const open = await listLedige(db, scopeOf(req), { kommunekode: k, status: 'tilbudt' });
      const cats = await categoriesForLettingYear(db, k, Number(dato.slice(0, 4)));
      const areaOf = new Map((await db.pool.query('SELECT ba.afdeling_id, bo.kode FROM boligomraade_afdeling ba JOIN boligomraade bo ON bo.id = ba.boligomraade_id WHERE bo.kommunekode = $1', [k])).rows.map((r) => [Number(r.afdeling_id), r.kode as string]));
      const ledige = open.map((l) => ({ ...l, kategorier: cats.byArea.get(areaOf.get(l.afdeling_id) ?? '') ?? [] }));
      const cases = await openCases(db, keyring, k);
      if (cases.length) await logRead(db, accessOf(req).actor, 'laes-sag', cases);
      // The reasons name each case by number and initials and each dwelling by address and afdeling (forslag.ts).
      return await proposeAssignment(dato, cases, ledige, params, req.body.max_andel_pct);
    },
  );

  /** The vacancy (in the user's anvisning municipalities), the date judged and its area's categories on the list in force. */
  async function candidateContext(req: FastifyRequest, id: number, dato?: string) {
    const l = await getLedig(db, scopeOf(req), id);
    if (!accessOf(req).has(['anvisning'], l.kommunekode)) throw new DomainError('NOT_FOUND', 'Den ledige bolig findes ikke.');
    const today = danishToday();
    const d = dato ?? (l.ledig_fra > today ? l.ledig_fra : today);
    const omr = (await db.pool.query('SELECT bo.kode FROM boligomraade_afdeling ba JOIN boligomraade bo ON bo.id = ba.boligomraade_id WHERE ba.afdeling_id = $1 LIMIT 1', [l.afdeling_id])).rows[0]?.kode ?? null;
    const cats = await categoriesForLettingYear(db, l.kommunekode, Number(d.slice(0, 4)));
    return { bolig: l, dato: d, kategorier: (omr && cats.byArea.get(omr)) || [], kategorier_fra: { listeaar: cats.listeaar, kilde: cats.kilde } };
  }

  listRoute(app, {
    url: '/api/anvisning/ledige',
    tags,
    summary: 'Ledige boliger tilbudt til kommunal anvisning (en boligorganisation ser kun sine egne)',
    policy: offerPolicy,
    querystring: z.object({ kommunekode: kommunekodeParam.optional(), status: z.enum(['tilbudt', 'brugt', 'returneret'], { error: 'Status skal være tilbudt, brugt eller returneret.' }).optional(), format: formatParam }),
    item: ledigItem,
    export: {
      name: 'anvisningsboliger',
      title: 'Boliger til anvisning',
      columns: [
        { header: 'Adresse', type: 'text', field: 'adresse' },
        { header: 'Afdeling', type: 'text', field: 'afdeling_navn' },
        { header: 'Boligorganisation', type: 'text', field: 'boligorganisation_navn' },
        { header: 'Værelser', type: 'int', field: 'vaerelser' },
        { header: 'Areal m²', type: 'decimal', field: 'areal_m2', decimals: 1 },
        { header: 'Husleje pr. måned', type: 'decimal', field: 'husleje_maaned' },
        { header: 'Ledig fra', type: 'date', field: 'ledig_fra' },
        { header: 'Svarfrist', type: 'date', field: 'svarfrist' },
        { header: 'Status', type: 'text', field: 'status' },
        { header: 'Returneret fordi', type: 'text', value: (l) => (l.retur_grund ? returGrunde[l.retur_grund] : null) },
        { header: 'Bemærkning', type: 'text', field: 'retur_tekst' },
      ],
    },
    list: async (q, paging, req) => {
      const items = await listLedige(db, scopeOf(req), { kommunekode: q.kommunekode, status: q.status });
      return { total: items.length, items: paging ? items.slice(paging.offset, paging.offset + paging.limit) : items };
    },
  });

  app.get(
    '/api/anvisning/ledige/:id',
    {
      config: { policy: offerPolicy },
      schema: { tags, summary: 'En ledig bolig tilbudt til kommunal anvisning (som listen: en boligorganisation ser kun sine egne; andres giver 404)', params: idParams, response: { 200: ledigItem, ...errors } },
    },
    async (req) => getLedig(db, scopeOf(req), req.params.id),
  );

  app.post(
    '/api/anvisning/ledige',
    {
      config: { policy: offerPolicy },
      schema: {
        tags,
        summary: 'Tilbyd en ledig familiebolig til kommunal anvisning',
        body: z
          .object({
            afdeling_id: z.number().int().positive(),
            adresse: z.string().trim().min(1, { error: 'Skriv adressen.' }).max(300),
            vaerelser: z.number().int().min(1, { error: 'Mindst 1 værelse.' }).max(20),
            areal_m2: z.number().positive({ error: 'Arealet skal være over 0 m².' }).max(1000),
            husleje_maaned: z.number().min(0, { error: 'Huslejen kan ikke være negativ.' }).max(100000),
            tilgaengelig: z.boolean().default(false),
            ledig_fra: isoDate,
            svarfrist: isoDate,
          })
          .refine((v) => v.svarfrist <= v.ledig_fra, { error: 'Svarfristen skal ligge før eller samme dag, som boligen bliver ledig.', path: ['svarfrist'] }),
        response: { 201: ledigItem, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await offerLedig(db, accessOf(req).actor, scopeOf(req), req.body)),
  );

  app.post(
    '/api/anvisning/ledige/:id/brug',
    { config: { policy: decidePolicy }, schema: { tags, summary: 'Kommunen bruger boligen til anvisning', params: idParams, response: { 200: ledigItem, ...errors } } },
    async (req) => {
      await decideLedig(db, accessOf(req).actor, accessOf(req).kommuner(['anvisning']), req.params.id, { brug: true });
      return getLedig(db, scopeOf(req), req.params.id);
    },
  );

  app.post(
    '/api/anvisning/ledige/:id/returner',
    {
      config: { policy: decidePolicy },
      schema: {
        tags,
        summary: 'Kommunen returnerer boligen til boligorganisationen med en begrundelse',
        params: idParams,
        body: z.object({
          grund: z.enum(['for_dyr', 'forkert_stoerrelse', 'ingen_egnet_ansoeger', 'andet'], { error: 'Vælg hvorfor boligen returneres.' }),
          tekst: z.string().trim().max(2000).nullable().default(null),
        }),
        response: { 200: ledigItem, ...errors },
      },
    },
    async (req) => {
      if (req.body.grund === 'andet' && !req.body.tekst) throw new DomainError('VALIDATION', 'Skriv hvorfor boligen returneres.', { fields: [{ field: 'tekst', message: 'Skriv en begrundelse, når grunden er "andet".' }] });
      await decideLedig(db, accessOf(req).actor, accessOf(req).kommuner(['anvisning']), req.params.id, { brug: false, grund: req.body.grund, tekst: req.body.tekst });
      return getLedig(db, scopeOf(req), req.params.id);
    },
  );
}

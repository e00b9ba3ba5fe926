// The udlejningsaftale over HTTP (issue 5): agreements with parties, goals, cooperation and annexes; the
// trappemodel and the yearly placement of every covered afdeling (manual override with a reason, history
// kept); the tools in force per afdeling with the mandatory ones from the area lists; the quota ledger; the
// forecast; the yearly evaluation against the forecast and the measurable goals (JSON, PDF, xlsx); and the
// agreement as a document with the step table of all afdelinger (PDF).
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../http/server.ts';
import { accessOf } from '../../http/auth.ts';
import { registerRoles, type Role } from '../../http/access.ts';
import { DomainError, notFound } from '../../errors.ts';
import { LawParamError, loadLaw } from '../../law/params.ts';
import { listRoute } from '../../shared/list-route.ts';
import { enumParam, errorSchema, formatParam, idParam, idParams, kommunekodeParam, yearParam } from '../../shared/query.ts';
import { rateAllowed, rulesFromConfig } from '../../shared/suppression.ts';
import {
  KATEGORIER,
  agreementWarnings,
  defaultTrappemodel,
  effectiveTools,
  mandatoryTools,
  placeOnStep,
  validateTrappemodel,
  validateTrinRedskaber,
  type EffektiveRedskaber,
  type Trappemodel,
} from '../../rules/udlejning.ts';
import { ledger, type LedgerInput } from './ledger.ts';
import { computePlacements } from './placement.ts';
import { forecastInput, historyDefaults, tilflytterKilder, type ForecastScenario } from './forecast.ts';
import { prognose, prognoseMange, STANDARD_HORISONT, STANDARD_KOERSLER, STANDARD_SEED, type Kanal, type PrognoseInput, type PrognoseResultat } from '../../rules/prognose.ts';
import { evaluate, MAAL_NOEGLETAL, tal, type EvaluationAfdelingInput, type ForecastOfYear } from './evaluation.ts';
import { agreementReport, evaluationReport, reportPdf, reportXlsx } from './report.ts';
import * as store from './store.ts';
import { danishToday } from '../../shared/dansk-tid.ts';

const tags = ['Udlejningsaftale'];
const readPolicy = { roles: registerRoles };
const writeRoles: readonly Role[] = ['administrator', 'boligkontor'];
const writePolicy = { roles: writeRoles };
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema };
// The answers are described in docs/api-contract.md; their shape follows the rule module's types.
const answer = { 200: z.unknown(), 201: z.unknown(), ...errors };
/** A percentage 0-100 in the query string, with a Danish message. */
const pctParam = (what: string) =>
  z.coerce
    .number({ error: `${what} skal være en procent mellem 0 og 100.` })
    .min(0, { error: `${what} skal være en procent mellem 0 og 100.` })
    .max(100, { error: `${what} skal være en procent mellem 0 og 100.` });
/** The prognose route's own in-movers' shares (uden_for_arbejde_pct) per channel. */
const TILFLYTTER_PARAMS = {
  tilflytter_venteliste_pct: 'venteliste',
  tilflytter_anvisning_pct: 'kommunal_anvisning',
  tilflytter_fleksibel_pct: 'fleksibel_udlejning',
  tilflytter_andet_pct: 'andet',
} as const satisfies Record<string, Kanal>;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Datoen skal skrives ÅÅÅÅ-MM-DD.' });

const betingelse = z.object({
  noegletal: z.string().min(1).max(60),
  operator: z.enum(['>', '>=', '<', '<='], { error: 'Operatoren skal være >, >=, < eller <=.' }),
  vaerdi: z.number({ error: 'Grænsen skal være et tal.' }),
});
const redskaber = z.object({
  kommunalAnvisningPct: z.number().min(0, { error: 'Andelen skal være mellem 0 og 100 %.' }).max(100, { error: 'Andelen skal være mellem 0 og 100 %.' }),
  fleksibelUdlejning: z.object({
    aktiv: z.boolean(),
    andelPct: z.number().min(0).max(100),
    kriterier: z.array(z.object({ type: z.enum(['beskaeftigelse', 'uddannelse', 'andet']), beskrivelse: z.string().trim().min(1).max(300) })).max(20),
    undtagInternOprykning: z.boolean().optional(),
  }),
  kombineretUdlejning: z.boolean(),
});
const trappemodel = z.object({
  navn: z.string().trim().min(1).max(100),
  trin: z
    .array(
      z.object({
        id: z.string().trim().min(1).max(40),
        navn: z.string().trim().min(1).max(100),
        betingelser: z.array(betingelse).max(10),
        kombination: z.enum(['alle', 'mindst_en']).optional(),
        redskaber,
        grundlag: z.array(z.string()).optional(),
      }),
    )
    .min(1, { error: 'Trappemodellen skal have mindst ét trin.' })
    .max(10),
});
const maalNoegletalTekst = `Nøgletallet skal være et af: ${MAAL_NOEGLETAL.join(', ')}.`;
const maalsaetning = z
  .object({
    tekst: z.string({ error: 'Beskriv målet.' }).trim().min(1, { error: 'Beskriv målet.' }).max(500, { error: 'Målets tekst må højst være 500 tegn.' }),
    noegletal: z.enum(MAAL_NOEGLETAL, { error: maalNoegletalTekst }),
    operator: z.enum(['<', '<=', '>', '>='], { error: 'Operatoren skal være <, <=, > eller >=.' }),
    vaerdi: z.number({ error: 'Målets værdi skal være et tal.' }).min(0, { error: 'Målets værdi kan ikke være negativ.' }).max(1000, { error: 'Målets værdi må højst være 1.000.' }),
    senest_aar: z.number({ error: 'Angiv året, målet senest skal nås (fx 2027).' }).int({ error: 'Året skal være et helt tal.' }).min(1990, { error: 'Året skal ligge mellem 1990 og 2100.' }).max(2100, { error: 'Året skal ligge mellem 1990 og 2100.' }),
    gaelder: z.union([z.literal('alle_afdelinger'), z.array(z.number().int().positive(), { error: 'Angiv afdelingernes id som tal.' }).min(1, { error: 'Angiv mindst én afdeling.' }).max(500)], {
      error: 'Målet skal gælde "alle_afdelinger" eller en liste af afdelingers id.',
    }),
  })
  // A share is a percentage; only the income figure (in % of the region's) can exceed 100.
  .refine((m) => m.noegletal === 'indkomst_pct_af_region' || m.vaerdi <= 100, { error: 'En andel skal være mellem 0 og 100 %.', path: ['vaerdi'] });
const aftaleBody = z.object({
  kommunekode: kommunekodeParam,
  navn: z.string().trim().min(1, { error: 'Giv aftalen et navn.' }).max(200),
  gyldig_fra: isoDate,
  gyldig_til: isoDate,
  status: z.enum(['udkast', 'gaeldende', 'afsluttet']).default('udkast'),
  fleksibel_udlejning: z.boolean().default(false),
  maal: z.string().max(5000).default(''),
  samarbejde: z
    .object({ politisk_moede: z.string().max(500).optional(), embedsmandsgruppe: z.string().max(500).optional(), moededatoer: z.array(isoDate).max(50).optional() })
    .default({}),
  trappemodel: trappemodel.optional(),
  parter: z.array(z.number().int().positive()).max(200).default([]),
  /** On PUT: the version the client edited; a newer version on the server answers 409. */
  version: z.number().int().positive().optional(),
  maalsaetninger: z.array(maalsaetning).max(50, { error: 'Højst 50 målbare mål.' }).default([]),
});
type AftaleBody = z.infer<typeof aftaleBody>;

const kommunerOf = (req: FastifyRequest) => accessOf(req).kommuner(registerRoles);
function canWrite(req: FastifyRequest, kommunekode: string) {
  if (!accessOf(req).has(writeRoles, kommunekode)) throw new DomainError('FORBIDDEN', 'Du kan ikke ændre udlejningsaftaler for denne kommune.');
}

function law<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (err) {
    if (err instanceof LawParamError) return null;
    throw err;
  }
}

const startYear = (a: { gyldig_fra: string }) => Number(a.gyldig_fra.slice(0, 4));
const endYear = (a: { gyldig_til: string }) => Number(a.gyldig_til.slice(0, 4));

export async function udlejningRoutes(app: App, { db, config }: AppDeps) {
  const params = loadLaw();
  const rules = rulesFromConfig(config);

  function checkBody(b: AftaleBody): { trappemodel: Trappemodel } {
    if (b.gyldig_til <= b.gyldig_fra) throw new DomainError('VALIDATION', 'Aftalen skal slutte efter, den begynder.', { fields: [{ field: 'gyldig_til', message: 'Slutdatoen skal ligge efter startdatoen.' }] });
    const model = (b.trappemodel as Trappemodel | undefined) ?? law(() => defaultTrappemodel(params, b.gyldig_fra));
    if (!model) throw new DomainError('VALIDATION', `Der er ingen gældende regler for kommunal anvisning pr. ${b.gyldig_fra}; angiv selv trappemodellen.`);
    const problems = validateTrappemodel(model).filter((p) => p.niveau === 'fejl');
    if (problems.length) throw new DomainError('VALIDATION', 'Trappemodellen er ikke gyldig.', { fields: problems.map((p) => ({ field: `trappemodel.${p.felt}`, message: p.tekst })) });
    model.trin.forEach((t, i) => validateTrinRedskaber(t.redskaber, `trin ${i + 1}`));
    const early = b.maalsaetninger.flatMap((m, i) => (m.senest_aar < startYear(b) ? [{ field: `maalsaetninger.${i}.senest_aar`, message: `Målet kan tidligst være for ${startYear(b)}, aftalens første år.` }] : []));
    if (early.length) throw new DomainError('VALIDATION', 'Et mål ligger før aftalens start.', { fields: early });
    return { trappemodel: model };
  }
  /** The body as stored: goals for named afdelinger without repeats. */
  const toInput = (b: AftaleBody, trappemodel: Trappemodel): store.AftaleInput => ({
    ...b,
    trappemodel,
    maalsaetninger: b.maalsaetninger.map((m) => ({ ...m, gaelder: m.gaelder === 'alle_afdelinger' ? m.gaelder : [...new Set(m.gaelder)] })),
  });

  /** Everything the agreement page shows for one letting year. */
  async function detail(aftale: store.Aftale, aar: number) {
    const covered = await store.coveredAfdelinger(db, aftale, aar - 1);
    const total = await store.familieboligerIKommunen(db, aftale.kommunekode);
    const daekkede = covered.reduce((s, a) => s + a.antal_familie, 0);
    const vurdering = law(() =>
      agreementWarnings({ periode: { fra: aftale.gyldig_fra, til: aftale.gyldig_til }, fleksibelUdlejning: aftale.fleksibel_udlejning, daekkedeFamilieboliger: daekkede, kommunensFamilieboliger: total }, danishToday(), params),
    );
    const cats = await store.categoriesForLettingYear(db, aftale.kommunekode, aar);
    const placed = new Map((await store.placeringer(db, aftale.id, { aar })).map((p) => [p.afdeling_id, p]));
    const date = `${aar}-01-01`;
    const afdelinger = covered.map((a) => {
      const p = placed.get(a.afdeling_id) ?? null;
      const trin = aftale.trappemodel.trin.find((t) => t.id === p?.trin) ?? null;
      const kategorier = (a.boligomraade_kode && cats.byArea.get(a.boligomraade_kode)) || [];
      const tools: EffektiveRedskaber | null = trin ? law(() => effectiveTools(trin.redskaber, kategorier, date, params)) : null;
      return {
        afdeling_id: a.afdeling_id,
        afdeling_navn: a.afdeling_navn,
        afdelingsnummer: a.afdelingsnummer,
        boligorganisation_id: a.boligorganisation_id,
        boligorganisation_navn: a.boligorganisation_navn,
        antal_familie: a.antal_familie,
        boligomraade_kode: a.boligomraade_kode,
        kategorier,
        // Small afdelinger: the rate is hidden (diskretionering), as everywhere else a rate is shown.
        uden_for_arbejde_pct: rateAllowed(a.figures.husstande, rules) ? (a.figures.uden_for_arbejde_pct ?? null) : null,
        uden_for_arbejde_skjult: !rateAllowed(a.figures.husstande, rules),
        noegletal_aar: a.noegletal_aar,
        placering: p,
        redskaber: tools && {
          kommunal_anvisning_pct: tools.kommunalAnvisning.andelPct,
          fleksibel_udlejning_pct: tools.fleksibelUdlejning.aktiv ? tools.fleksibelUdlejning.andelPct : 0,
          fleksibel_obligatorisk: tools.fleksibelUdlejning.obligatorisk,
          kombineret_udlejning: tools.kombineretUdlejning.aktiv,
          afvisning_omdannelsesomraade: tools.afvisningOmdannelsesomraade.aktiv,
          lovbestemte: tools.lovbestemte.map((l) => ({ paragraf: l.paragraf, titel: l.titel, forklaring: l.forklaring })),
          konflikter: tools.konflikter.map((k) => ({ paragraf: k.paragraf, alvor: k.alvor, tekst: k.tekst })),
        },
      };
    });
    return {
      aftale,
      aar,
      vurdering,
      daekning: { daekkede_familieboliger: daekkede, kommunens_familieboliger: total },
      modelproblemer: validateTrappemodel(aftale.trappemodel),
      kategorier_fra: { listeaar: cats.listeaar, kilde: cats.kilde },
      afdelinger,
      bilag: await store.listBilag(db, aftale.id),
    };
  }

  app.get(
    '/api/udlejningsaftaler',
    { config: { policy: readPolicy }, schema: { tags, summary: 'Kommunens udlejningsaftaler', querystring: z.object({ kommunekode: kommunekodeParam.optional() }), response: answer } },
    async (req) => {
      const mine = kommunerOf(req);
      const scope = req.query.kommunekode ? mine.filter((k) => k === req.query.kommunekode) : mine;
      const items = await store.listAftaler(db, scope);
      return { items, total: items.length };
    },
  );

  app.post(
    '/api/udlejningsaftaler',
    { config: { policy: writePolicy }, schema: { tags, summary: 'Opret en udlejningsaftale (uden trappemodel: standardmodellen)', body: aftaleBody, response: answer } },
    async (req, reply) => {
      canWrite(req, req.body.kommunekode);
      const { trappemodel } = checkBody(req.body);
      const id = await store.saveAftale(db, accessOf(req).actor, toInput(req.body, trappemodel));
      return reply.code(201).send(await store.getAftale(db, id, kommunerOf(req)));
    },
  );

  const aarQuery = z.object({ aar: yearParam('Året').optional() });
  app.get(
    '/api/udlejning/standardtrappe',
    {
      config: { policy: readPolicy },
      schema: { tags, summary: 'Standardtrappemodellen pr. en dato (25 % efter § 59, stk. 1; øvrige tal er produktindstillinger)', querystring: z.object({ dato: isoDate }), response: answer },
    },
    async (req) => {
      const m = law(() => defaultTrappemodel(params, req.query.dato));
      if (!m) throw new DomainError('VALIDATION', `Der er ingen gældende regler for kommunal anvisning pr. ${req.query.dato}.`);
      return m;
    },
  );

  app.get(
    '/api/udlejningsaftaler/:id',
    { config: { policy: readPolicy }, schema: { tags, summary: 'En udlejningsaftale med advarsler, dækning, afdelingernes trin og redskaber for et år', params: idParams, querystring: aarQuery, response: answer } },
    async (req) => {
      const aftale = await store.getAftale(db, req.params.id, kommunerOf(req));
      const aar = req.query.aar ?? Math.min(Math.max(Number(danishToday().slice(0, 4)), Number(aftale.gyldig_fra.slice(0, 4))), Number(aftale.gyldig_til.slice(0, 4)));
      return detail(aftale, aar);
    },
  );

  app.put(
    '/api/udlejningsaftaler/:id',
    { config: { policy: writePolicy }, schema: { tags, summary: 'Ret en udlejningsaftale (ny version)', params: idParams, body: aftaleBody, response: answer } },
    async (req) => {
      const old = await store.getAftale(db, req.params.id, kommunerOf(req));
      canWrite(req, old.kommunekode);

      if (req.body.kommunekode !== old.kommunekode) throw new DomainError('VALIDATION', 'En aftale kan ikke flyttes til en anden kommune.');
      const { trappemodel } = checkBody({ ...req.body, trappemodel: req.body.trappemodel ?? old.trappemodel });
      await store.saveAftale(db, accessOf(req).actor, toInput(req.body, trappemodel), old.id);
      return store.getAftale(db, old.id, kommunerOf(req));
    },
  );

  app.post(
    '/api/udlejningsaftaler/:id/bilag',
    {
      config: { policy: writePolicy },
      schema: {
        tags,
        summary: 'Tilføj et årligt bilag',
        params: idParams,
        body: z.object({ aar: yearParam('Året'), titel: z.string().trim().min(1, { error: 'Giv bilaget en titel.' }).max(200), indhold: z.string().max(20000).default('') }),
        response: answer,
      },
    },
    async (req, reply) => {
      const aftale = await store.getAftale(db, req.params.id, kommunerOf(req));
      canWrite(req, aftale.kommunekode);
      return reply.code(201).send(await store.addBilag(db, accessOf(req).actor, aftale, req.body));
    },
  );

  app.get(
    '/api/udlejningsaftaler/:id/versioner',
    {
      config: { policy: readPolicy },
      schema: {
        tags,
        summary: 'Aftalens gemte versioner, nyeste først (med version=N kun den ene), hver med aftalen som den blev gemt',
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        response: answer,
      },
    },
    async (req) => store.aftaleVersioner(db, await store.getAftale(db, req.params.id, kommunerOf(req)), req.query.version),
  );

  app.post(
    '/api/udlejningsaftaler/:id/placering',
    {
      config: { policy: writePolicy },
      schema: { tags, summary: 'Placér alle dækkede afdelinger på trin for et år ud fra nøgletallene (året før); manuelle placeringer bevares', params: idParams, body: z.object({ aar: yearParam('Året') }), response: answer },
    },
    async (req) => {
      const aftale = await store.getAftale(db, req.params.id, kommunerOf(req));
      canWrite(req, aftale.kommunekode);
      const aar = req.body.aar;
      const covered = await store.coveredAfdelinger(db, aftale, aar - 1);
      if (!covered.length) throw new DomainError('VALIDATION', 'Aftalen dækker ingen familieafdelinger: tilføj boligorganisationer som parter.');
      const current = new Map((await store.placeringer(db, aftale.id, { aar })).map((p) => [p.afdeling_id, p]));
      const rows = computePlacements(aftale, covered, aar, current);
      await store.insertPlaceringer(db, accessOf(req).actor, 'placer', aftale, rows);
      const ikke = rows.filter((r) => r.trin === null).length;
      return { aar, placeret: rows.length - ikke, ikke_placeret: ikke, manuelle_bevaret: rows.filter((r) => r.manuel).length };
    },
  );

  const afdParams = z.object({ id: idParam('Id'), afdelingId: idParam('Afdelingens id') });
  app.put(
    '/api/udlejningsaftaler/:id/placering/:afdelingId',
    {
      config: { policy: writePolicy },
      schema: {
        tags,
        summary: 'Placér en afdeling manuelt (begrundelse kræves); trin null fjerner den manuelle placering',
        params: afdParams,
        body: z.object({ aar: yearParam('Året'), trin: z.string().nullable(), begrundelse: z.string().trim().max(2000).default('') }),
        response: answer,
      },
    },
    async (req) => {
      const aftale = await store.getAftale(db, req.params.id, kommunerOf(req));
      canWrite(req, aftale.kommunekode);
      const a = (await store.coveredAfdelinger(db, aftale, req.body.aar - 1)).find((x) => x.afdeling_id === req.params.afdelingId);
      if (!a) throw notFound('Afdelingen i aftalen');
      const computed = placeOnStep(aftale.trappemodel, a.figures);
      const beregnet = computed.status === 'placeret' ? computed.trin.id : null;
      const manuel = req.body.trin !== null;
      if (manuel && !aftale.trappemodel.trin.some((t) => t.id === req.body.trin)) {
        throw new DomainError('VALIDATION', 'Trinnet findes ikke i aftalens trappemodel.', { fields: [{ field: 'trin', message: `Vælg et af: ${aftale.trappemodel.trin.map((t) => t.navn).join(', ')}.` }] });
      }
      if (manuel && !req.body.begrundelse) throw new DomainError('VALIDATION', 'Skriv en begrundelse for den manuelle placering.', { fields: [{ field: 'begrundelse', message: 'Begrundelse kræves.' }] });
      await store.insertPlaceringer(db, accessOf(req).actor, 'placer-manuelt', aftale, [
        {
          afdeling_id: a.afdeling_id,
          aar: req.body.aar,
          beregnet_trin: beregnet,
          trin: manuel ? req.body.trin : beregnet,
          manuel,
          begrundelse: manuel ? req.body.begrundelse : '',
          forklaring: computed.forklaring.join(' '),
          noegletal_aar: a.noegletal_aar,
        },
      ]);
      return { historik: await store.placeringer(db, aftale.id, { afdelingId: a.afdeling_id, historik: true }) };
    },
  );

  app.get(
    '/api/udlejningsaftaler/:id/placering/:afdelingId',
    { config: { policy: readPolicy }, schema: { tags, summary: 'En afdelings placeringshistorik', params: afdParams, response: answer } },
    async (req) => {
      const aftale = await store.getAftale(db, req.params.id, kommunerOf(req));
      return { historik: await store.placeringer(db, aftale.id, { afdelingId: req.params.afdelingId, historik: true }) };
    },
  );

  /** The tools in force for an afdeling under an agreement in a letting year: its placement, else its computed step. */
  async function toolsFor(aftale: store.Aftale, a: store.DaekketAfdeling, aar: number, placed: store.PlaceringRow | undefined, categories?: Awaited<ReturnType<typeof store.categoriesForLettingYear>>) {
    const cats = categories ?? (await store.categoriesForLettingYear(db, aftale.kommunekode, aar));
    let trin = aftale.trappemodel.trin.find((t) => t.id === placed?.trin) ?? null;
    if (!trin) {
      const p = placeOnStep(aftale.trappemodel, a.figures);
      trin = p.status === 'placeret' ? p.trin : null;
    }
    if (!trin) return null;
    const kategorier = (a.boligomraade_kode && cats.byArea.get(a.boligomraade_kode)) || [];
    return law(() => effectiveTools(trin.redskaber, kategorier, `${aar}-01-01`, params));
  }

  app.get(
    '/api/udlejningsaftaler/:id/prognose',
    {
      config: { policy: readPolicy },
      schema: {
        tags,
        summary: 'Fremskrivning af beboersammensætningen: én afdeling med scenarier (aftalen, et udkast, egne andele), eller alle dækkede afdelinger',
        params: idParams,
        querystring: z.object({
          aar: yearParam('Året').optional(),
          afdeling_id: idParam('Afdelingens id').optional(),
          sammenlign_med: idParam('Aftalen, der sammenlignes med').optional(),
          anvisning_pct: pctParam('Kommunal anvisnings andel').optional(),
          fleksibel_pct: pctParam('Fleksibel udlejnings andel').optional(),
          // The user's own in-movers' shares outside the labour market per channel (one afdeling only).
          tilflytter_venteliste_pct: pctParam('Tilflytternes andel via venteliste').optional(),
          tilflytter_anvisning_pct: pctParam('Tilflytternes andel via kommunal anvisning').optional(),
          tilflytter_fleksibel_pct: pctParam('Tilflytternes andel via fleksibel udlejning').optional(),
          tilflytter_andet_pct: pctParam('Tilflytternes andel via andet').optional(),
          horisont: z.coerce.number().int().min(1).max(10).default(10),
          koersler: z.coerce.number().int().min(100).max(10000).default(1000),
        }),
        response: answer,
      },
    },
    async (req) => {
      const q = req.query;
      const own = Object.fromEntries(
        (Object.entries(TILFLYTTER_PARAMS) as [keyof typeof TILFLYTTER_PARAMS, Kanal][]).filter(([p]) => q[p] !== undefined).map(([p, k]) => [k, q[p]!]),
      ) as Partial<Record<Kanal, number>>;
      const hasOwn = Object.keys(own).length > 0;
      if (hasOwn && q.afdeling_id === undefined) {
        throw new DomainError('VALIDATION', 'Egne tilflytterandele kan kun angives for én afdeling ad gangen.', {
          fields: Object.keys(TILFLYTTER_PARAMS).filter((p) => q[p as keyof typeof TILFLYTTER_PARAMS] !== undefined).map((p) => ({ field: `querystring.${p}`, message: 'Vælg en afdeling (afdeling_id) for at angive egne tilflytterandele.' })),
        });
      }
      const aftale = await store.getAftale(db, req.params.id, kommunerOf(req));
      const aar = q.aar ?? Number(aftale.gyldig_fra.slice(0, 4));
      const covered = (await store.coveredAfdelinger(db, aftale, aar - 1)).filter((a) => q.afdeling_id === undefined || a.afdeling_id === q.afdeling_id);
      if (q.afdeling_id !== undefined && !covered.length) throw notFound('Afdelingen i aftalen');
      const placed = new Map((await store.placeringer(db, aftale.id, { aar })).map((p) => [p.afdeling_id, p]));
      const history = await store.lettingHistory(db, covered.map((a) => a.afdeling_id));
      const figures = await store.figureHistory(db, covered.map((a) => a.afdeling_id), aar - 1);
      const other = q.sammenlign_med !== undefined ? await store.getAftale(db, q.sammenlign_med, kommunerOf(req)) : null;
      const inputs: { a: store.DaekketAfdeling; input: PrognoseInput; defaults: ReturnType<typeof historyDefaults> }[] = [];
      const skipped: { afdeling_id: number; afdeling_navn: string; grund: string }[] = [];
      for (const a of covered) {
        const tools = await toolsFor(aftale, a, aar, placed.get(a.afdeling_id));
        if (!tools || a.noegletal_aar === null) {
          skipped.push({ afdeling_id: a.afdeling_id, afdeling_navn: a.afdeling_navn, grund: a.noegletal_aar === null ? 'ingen nøgletal' : 'afdelingen kan ikke placeres på et trin' });
          continue;
        }
        const scenarier: ForecastScenario[] = [{ navn: aftale.navn, redskaber: tools }];
        if (other) {
          const t2 = await toolsFor(other, a, aar, undefined);
          if (t2) scenarier.push({ navn: other.navn, redskaber: t2 });
        }
        // "Egne andele": the user's channel shares and/or in-movers' shares, on the agreement's tools for the afdeling.
        if (q.anvisning_pct !== undefined || q.fleksibel_pct !== undefined || hasOwn) {
          const anv = q.anvisning_pct ?? tools.kommunalAnvisning.andelPct;
          const fl = q.fleksibel_pct ?? (tools.fleksibelUdlejning.aktiv ? tools.fleksibelUdlejning.andelPct : 0);
          const parts = [
            ...(q.anvisning_pct !== undefined || q.fleksibel_pct !== undefined ? [`${anv} % anvisning, ${fl} % fleksibel`] : []),
            ...(hasOwn ? ['egne tilflytterandele'] : []),
          ];
          scenarier.push({
            navn: `Egne andele: ${parts.join(', ')}`,
            redskaber: { ...tools, kommunalAnvisning: { ...tools.kommunalAnvisning, andelPct: anv }, fleksibelUdlejning: { ...tools.fleksibelUdlejning, aktiv: fl > 0, andelPct: fl } },
            ...(hasOwn ? { tilflyttereAndelPct: { uden_for_arbejde_pct: own } } : {}),
          });
        }
        const defaults = historyDefaults(a, figures.get(a.afdeling_id), history.get(a.afdeling_id));
        try {
          inputs.push({ a, defaults, input: forecastInput(a, a.noegletal_aar, scenarier, history.get(a.afdeling_id) ?? null, params, defaults) });
        } catch (err) {
          if (!(err instanceof DomainError) || q.afdeling_id !== undefined) throw err;
          skipped.push({ afdeling_id: a.afdeling_id, afdeling_navn: a.afdeling_navn, grund: err.message });
        }
      }
      const opts = { horisont: q.horisont, koersler: q.koersler };
      if (q.afdeling_id !== undefined) {
        const a = covered[0];
        if (!rateAllowed(a.figures.husstande, rules)) throw new DomainError('VALIDATION', `${a.afdeling_navn} har for få husstande til at vise andele (diskretionering); prognosen vises ikke.`);
        if (!inputs.length) throw new DomainError('VALIDATION', `${a.afdeling_navn} kan ikke fremskrives: ${skipped[0]?.grund ?? 'ukendt grund'}.`);
        const { input, defaults } = inputs[0];
        const r = prognose(input, opts);
        return {
          afdeling: { id: a.afdeling_id, navn: a.afdeling_navn, placering: placed.get(a.afdeling_id) ?? null },
          prognose: r,
          tilflytterandele: { historik: defaults, scenarier: tilflytterKilder(input, r, defaults) },
        };
      }
      // One afdeling's bad input must not take the whole table down: each is run on its own (same seed per afdeling).
      const results: { a: store.DaekketAfdeling; r: PrognoseResultat }[] = [];
      for (const x of inputs) {
        try {
          results.push({ a: x.a, r: prognose(x.input, opts) });
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          skipped.push({ afdeling_id: x.a.afdeling_id, afdeling_navn: x.a.afdeling_navn, grund: err.message });
        }
      }
      return {
        aar,
        afdelinger: results.map(({ a, r }) => {
          const ind = r.scenarier[0].indikatorer[0];
          if (!rateAllowed(a.figures.husstande, rules)) {
            return { afdeling_id: a.afdeling_id, afdeling_navn: a.afdeling_navn, boligorganisation_navn: a.boligorganisation_navn, startaar: r.startaar, skjult: true,
              start_pct: null, slut_pct: null, p10_slut_pct: null, p90_slut_pct: null, foerste_aar_under: null, foerste_aar_under_sikkert: null, taerskel: ind.taerskel, udskiftet_pct: r.scenarier[0].udskiftetPct.at(-1) };
          }
          return {
            skjult: false,
            afdeling_id: a.afdeling_id,
            afdeling_navn: a.afdeling_navn,
            boligorganisation_navn: a.boligorganisation_navn,
            startaar: r.startaar,
            start_pct: ind.startPct,
            slut_pct: ind.forventetPct.at(-1),
            p10_slut_pct: ind.mc?.p10Pct.at(-1) ?? null,
            p90_slut_pct: ind.mc?.p90Pct.at(-1) ?? null,
            foerste_aar_under: ind.foersteAarUnder,
            foerste_aar_under_sikkert: ind.foersteAarUnderSikkert,
            taerskel: ind.taerskel,
            udskiftet_pct: r.scenarier[0].udskiftetPct.at(-1),
          };
        }),
        ikke_fremskrevet: skipped,
      };
    },
  );

  const antal = (what: string) => z.number({ error: `${what} skal være et helt tal.` }).int({ error: `${what} skal være et helt tal.` }).min(0, { error: `${what} kan ikke være negativ.` });
  app.put(
    '/api/udlejning/udlejninger',
    {
      config: { policy: writePolicy },
      schema: {
        tags,
        summary: 'Indtast en afdelings udlejninger for et år (erstatter en importeret række)',
        body: z
          .object({
            afdeling_id: idParam('Afdelingens id'),
            aar: yearParam('Året'),
            ledige_familieboliger: antal('Antal ledige'),
            venteliste: antal('Venteliste'),
            fleksibel_udlejning: antal('Fleksibel udlejning'),
            kommunal_anvisning: antal('Kommunal anvisning'),
            intern_oprykning: antal('Intern oprykning'),
            andet: antal('Andet'),
          })
          .refine((v) => v.venteliste + v.fleksibel_udlejning + v.kommunal_anvisning + v.intern_oprykning + v.andet <= v.ledige_familieboliger, {
            error: 'Der kan ikke være flere udlejninger end ledige familieboliger.',
            path: ['ledige_familieboliger'],
          }),
        response: answer,
      },
    },
    async (req) => store.saveLetting(db, accessOf(req).actor, accessOf(req).kommuner(writeRoles), req.body),
  );

  // The quota ledger, at three levels, with export.
  const num = z.number().nullable();
  const ledgerItem = z.object({
    niveau: z.enum(['afdeling', 'organisation', 'kommune']),
    aar: z.number(),
    navn: z.string(),
    boligorganisation_navn: z.string().nullable(),
    trin: z.string().nullable(),
    ledige_familieboliger: z.number(),
    udlejet: z.number(),
    ikke_udlejet: z.number(),
    kommunal_anvisning: z.number(),
    kvote_anvisning: num,
    afvigelse_anvisning: num,
    saldo_anvisning: num,
    fleksibel_udlejning: z.number(),
    kvote_fleksibel: num,
    afvigelse_fleksibel: num,
    saldo_fleksibel: num,
  });
  type LedgerItem = z.infer<typeof ledgerItem>;
  listRoute(app, {
    url: '/api/udlejning/kvoter',
    tags,
    summary: 'Kvoteregnskab: kvoter for kommunal anvisning og fleksibel udlejning mod faktiske udlejninger, med løbende saldo',
    policy: readPolicy,
    querystring: z.object({ aftale_id: idParam('Aftalens id'), niveau: z.enum(['afdeling', 'organisation', 'kommune'], { error: 'Niveau skal være afdeling, organisation eller kommune.' }).default('afdeling'), format: formatParam }),
    item: ledgerItem,
    export: {
      name: 'kvoteregnskab',
      title: 'Kvoteregnskab',
      columns: [
        { header: 'År', type: 'int', field: 'aar' },
        { header: 'Enhed', type: 'text', field: 'navn' },
        { header: 'Boligorganisation', type: 'text', field: 'boligorganisation_navn' },
        { header: 'Trin', type: 'text', field: 'trin' },
        { header: 'Ledige familieboliger', type: 'int', field: 'ledige_familieboliger' },
        { header: 'Udlejet', type: 'int', field: 'udlejet' },
        { header: 'Kommunal anvisning', type: 'int', field: 'kommunal_anvisning' },
        { header: 'Kvote anvisning', type: 'decimal', field: 'kvote_anvisning', decimals: 1 },
        { header: 'Afvigelse anvisning', type: 'decimal', field: 'afvigelse_anvisning', decimals: 1 },
        { header: 'Saldo anvisning', type: 'decimal', field: 'saldo_anvisning', decimals: 1 },
        { header: 'Fleksibel udlejning', type: 'int', field: 'fleksibel_udlejning' },
        { header: 'Kvote fleksibel', type: 'decimal', field: 'kvote_fleksibel', decimals: 1 },
        { header: 'Afvigelse fleksibel', type: 'decimal', field: 'afvigelse_fleksibel', decimals: 1 },
        { header: 'Saldo fleksibel', type: 'decimal', field: 'saldo_fleksibel', decimals: 1 },
      ],
    },
    list: async (q, paging, req) => {
      const items = await ledgerItems(req, q.aftale_id, q.niveau);
      return { total: items.length, items: paging ? items.slice(paging.offset, paging.offset + paging.limit) : items };
    },
  });

  async function ledgerItems(req: FastifyRequest, aftaleId: number, niveau: LedgerItem['niveau']): Promise<LedgerItem[]> {
    const aftale = await store.getAftale(db, aftaleId, kommunerOf(req));
    const l = await ledgerOf(aftale);
    if (niveau === 'afdeling') return l.afdelinger.map((r) => ({ ...r, niveau, navn: r.afdeling_navn }));
    if (niveau === 'organisation') return l.organisationer.map((r) => ({ ...r, niveau, navn: r.boligorganisation_navn!, trin: null }));
    return l.kommune.map((r) => ({ ...r, niveau, navn: 'Hele aftalen', boligorganisation_navn: null, trin: null }));
  }

  /** The quota ledger over the agreement's years. */
  async function ledgerOf(aftale: store.Aftale) {
    const fra = Number(aftale.gyldig_fra.slice(0, 4));
    const til = Number(aftale.gyldig_til.slice(0, 4));
    const covered = await store.coveredAfdelinger(db, aftale, til);
    const byId = new Map(covered.map((a) => [a.afdeling_id, a]));
    const lets = await store.lettings(db, [...byId.keys()], fra, til);
    const placed = new Map((await store.placeringer(db, aftale.id)).map((p) => [`${p.afdeling_id}|${p.aar}`, p]));
    const catsByYear = new Map<number, Awaited<ReturnType<typeof store.categoriesForLettingYear>>>();
    for (let y = fra; y <= til; y++) catsByYear.set(y, await store.categoriesForLettingYear(db, aftale.kommunekode, y));
    const input: LedgerInput[] = lets.map((l) => {
      const a = byId.get(l.afdeling_id)!;
      const p = placed.get(`${l.afdeling_id}|${l.aar}`);
      const trin = aftale.trappemodel.trin.find((t) => t.id === p?.trin) ?? null;
      const kategorier = (a.boligomraade_kode && catsByYear.get(l.aar)?.byArea.get(a.boligomraade_kode)) || [];
      const tools = trin ? law(() => effectiveTools(trin.redskaber, kategorier, `${l.aar}-01-01`, params)) : null;
      return {
        ...l,
        afdeling_navn: a.afdeling_navn,
        boligorganisation_id: a.boligorganisation_id,
        boligorganisation_navn: a.boligorganisation_navn,
        trin: trin?.navn ?? null,
        anvisningPct: tools ? tools.kommunalAnvisning.andelPct : null,
        fleksibelPct: tools ? (tools.fleksibelUdlejning.aktiv ? tools.fleksibelUdlejning.andelPct : 0) : null,
      };
    });
    return ledger(input);
  }

  // ---- the yearly evaluation and the agreement as a document (issue 5, item 5)

  /**
   * The forecast as it would have been made at the agreement's start, for year `aar`: each covered afdeling's
   * latest figures up to the year before gyldig_fra, the step and tools in force in the start year (placement,
   * else the computed step; mandatory tools from the list of 1 December the year before), the letting history
   * before the start year, and the engine's standard options (10 years, 1,000 runs, seed 1). Deterministic.
   */
  async function startForecast(aftale: store.Aftale, aar: number): Promise<Map<number, ForecastOfYear | { mangler: string }>> {
    const S = startYear(aftale);
    const covered = await store.coveredAfdelinger(db, aftale, S - 1);
    const placed = new Map((await store.placeringer(db, aftale.id, { aar: S })).map((p) => [p.afdeling_id, p]));
    const history = await store.lettingHistory(db, covered.map((a) => a.afdeling_id), S);
    const figures = await store.figureHistory(db, covered.map((a) => a.afdeling_id), S - 1);
    const cats = await store.categoriesForLettingYear(db, aftale.kommunekode, S);
    const out = new Map<number, ForecastOfYear | { mangler: string }>();
    const inputs: { a: store.DaekketAfdeling; input: PrognoseInput }[] = [];
    for (const a of covered) {
      if (a.noegletal_aar === null) {
        out.set(a.afdeling_id, { mangler: `ingen nøgletal til og med ${S - 1}` });
        continue;
      }
      const tools = await toolsFor(aftale, a, S, placed.get(a.afdeling_id), cats);
      if (!tools) {
        out.set(a.afdeling_id, { mangler: `afdelingen kunne ikke placeres på et trin i ${S}` });
        continue;
      }
      try {
        const defaults = historyDefaults(a, figures.get(a.afdeling_id), history.get(a.afdeling_id));
        inputs.push({ a, input: forecastInput(a, a.noegletal_aar, [{ navn: aftale.navn, redskaber: tools }], history.get(a.afdeling_id) ?? null, params, defaults) });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        out.set(a.afdeling_id, { mangler: err.message });
      }
    }
    const results = prognoseMange(inputs.map((x) => x.input), { horisont: STANDARD_HORISONT, koersler: STANDARD_KOERSLER, seed: STANDARD_SEED });
    results.forEach((r, i) => {
      const a = inputs[i].a;
      const t = aar - r.startaar;
      if (t < 0 || t > r.horisont) {
        out.set(a.afdeling_id, { mangler: `${aar} ligger uden for prognosens ${r.horisont} år fra nøgletallene for ${r.startaar}` });
        return;
      }
      out.set(a.afdeling_id, {
        startaar: r.startaar,
        // The households behind the start figures decide whether the forecast may be shown (small numbers).
        enheder: a.figures.husstande ?? 0,
        indikatorer: r.scenarier[0].indikatorer.map((x) => ({ navn: x.navn, startPct: x.startPct, forventetPct: x.forventetPct[t], p10Pct: x.mc?.p10Pct[t] ?? null, p90Pct: x.mc?.p90Pct[t] ?? null })),
      });
    });
    return out;
  }

  function yearIn(aftale: store.Aftale, aar: number | undefined, fallback: number): number {
    const y = aar ?? fallback;
    if (y < startYear(aftale) || y > endYear(aftale)) {
      throw new DomainError('VALIDATION', `Året skal ligge i aftalens periode (${startYear(aftale)}-${endYear(aftale)}).`, { fields: [{ field: 'aar', message: `Vælg et år fra ${startYear(aftale)} til ${endYear(aftale)}.` }] });
    }
    return y;
  }

  async function evaluationOf(aftale: store.Aftale, aar: number, now: Date) {
    const S = startYear(aftale);
    const kommune = await store.kommune(db, aftale.kommunekode);
    const d = await detail(aftale, aar);
    const forecasts = await startForecast(aftale, aar);
    const ids = d.afdelinger.map((a) => a.afdeling_id);
    const figs = await store.figuresOfYear(db, ids, aar);
    const aarets = await store.categoriesForLettingYear(db, aftale.kommunekode, aar + 1);
    const l = await ledgerOf(aftale);
    const afdelinger: EvaluationAfdelingInput[] = d.afdelinger.map((a) => {
      const f = figs.get(a.afdeling_id);
      const p = a.placering;
      return {
        afdeling_id: a.afdeling_id,
        afdeling_navn: a.afdeling_navn,
        afdelingsnummer: a.afdelingsnummer,
        boligorganisation_navn: a.boligorganisation_navn,
        boligomraade_kode: a.boligomraade_kode,
        antal_familie: a.antal_familie,
        aaretsTal: f ? { husstande: f.husstande, figures: f.figures, kilde: f.kilde, opgjort_pr: f.opgjort_pr } : null,
        prognose: forecasts.get(a.afdeling_id) ?? { mangler: 'ingen prognose' },
        placering: p && { trin: p.trin, trin_navn: aftale.trappemodel.trin.find((t) => t.id === p.trin)?.navn ?? null, beregnet_trin: p.beregnet_trin, manuel: p.manuel, begrundelse: p.begrundelse },
        redskaber: a.redskaber && {
          kommunal_anvisning_pct: a.redskaber.kommunal_anvisning_pct,
          fleksibel_udlejning_pct: a.redskaber.fleksibel_udlejning_pct,
          fleksibel_obligatorisk: a.redskaber.fleksibel_obligatorisk,
          lovbestemte: a.redskaber.lovbestemte.map((x) => `${x.paragraf} ${x.titel.toLowerCase()}`),
        },
        kategorier: a.kategorier,
        kategorier_aarets_liste: (a.boligomraade_kode && aarets.byArea.get(a.boligomraade_kode)) || [],
      };
    });
    const evaluering = evaluate(
      { aar, startaar: S, maalsaetninger: aftale.maalsaetninger, afdelinger, kvoter: { afdelinger: l.afdelinger.filter((r) => r.aar === aar), samlet: l.kommune.find((r) => r.aar === aar) ?? null } },
      rules,
    );
    const prognosegrundlag =
      `Prognosen er beregnet igen, som den ville være lavet ved aftalens start: afdelingernes seneste nøgletal til og med ${S - 1}, trinplaceringen og redskaberne i ${S} ` +
      `(de lovbestemte efter områdelisten pr. 1. december ${S - 1}) og udlejningerne før ${S}, tilflytternes andele pr. kanal fra afdelingens egen historik, hvor den er lang nok, ellers de generelle; forventet forløb og P10-P90-bånd af ${tal(STANDARD_KOERSLER)} kørsler med fast seed ${STANDARD_SEED} over ${STANDARD_HORISONT} år. ` +
      `Beregningen er deterministisk: de samme data giver de samme tal, hver gang den gentages. Den bruger aftalens trappemodel, som den er i version ${aftale.version}.`;
    return {
      kommune,
      aftale,
      evaluering,
      prognosegrundlag,
      lister: { i_kraft: { listeaar: d.kategorier_fra.listeaar, kilde: d.kategorier_fra.kilde }, aarets: { listeaar: aarets.listeaar, kilde: aarets.kilde } },
      now,
    };
  }

  const fileName = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
  const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

  app.get(
    '/api/udlejningsaftaler/:id/evaluering',
    {
      config: { policy: readPolicy },
      schema: {
        tags,
        summary: 'Årlig evaluering: faktiske nøgletal mod prognosen fra aftalens start og mod målene, pr. afdeling og samlet, med trin, redskaber, kategorier og kvoter (json, pdf, xlsx)',
        params: idParams,
        querystring: z.object({ aar: yearParam('Året').optional(), format: enumParam('Formatet', ['json', 'pdf', 'xlsx']).default('json') }),
      },
    },
    async (req, reply) => {
      const aftale = await store.getAftale(db, req.params.id, kommunerOf(req));
      const aar = yearIn(aftale, req.query.aar, Math.min(Math.max(Number(danishToday().slice(0, 4)) - 1, startYear(aftale)), endYear(aftale)));
      const doc = await evaluationOf(aftale, aar, new Date());
      reply.header('cache-control', 'no-store');
      if (req.query.format === 'json') {
        const { kommune, evaluering, prognosegrundlag, lister, now } = doc;
        return {
          kommune,
          aftale: { id: aftale.id, navn: aftale.navn, kommunekode: aftale.kommunekode, gyldig_fra: aftale.gyldig_fra, gyldig_til: aftale.gyldig_til, status: aftale.status, version: aftale.version },
          genereret: now.toISOString(),
          prognose: { startaar: startYear(aftale), noegletal_til: startYear(aftale) - 1, horisont: STANDARD_HORISONT, koersler: STANDARD_KOERSLER, seed: STANDARD_SEED, grundlag: prognosegrundlag },
          lister,
          ...evaluering,
        };
      }
      const report = evaluationReport(doc);
      const file = fileName(`evaluering-${aftale.id}-${aar}`);
      if (req.query.format === 'pdf') return reply.type('application/pdf').header('content-disposition', `attachment; filename="${file}.pdf"`).send(await reportPdf(report));
      return reply.type(xlsxType).header('content-disposition', `attachment; filename="${file}.xlsx"`).send(await reportXlsx(report));
    },
  );

  app.get(
    '/api/udlejningsaftaler/:id/dokument',
    {
      config: { policy: readPolicy },
      schema: {
        tags,
        summary: 'Aftalen som dokument (PDF): parter, periode, mål, samarbejde, trappemodel med redskabernes hjemmel, bilag og trintabellen for et år (standard: det seneste placerede år)',
        params: idParams,
        querystring: z.object({ aar: yearParam('Året').optional(), format: enumParam('Formatet', ['pdf']).default('pdf') }),
      },
    },
    async (req, reply) => {
      const aftale = await store.getAftale(db, req.params.id, kommunerOf(req));
      const aar = yearIn(aftale, req.query.aar, (await store.latestPlacedYear(db, aftale.id)) ?? startYear(aftale));
      const kommune = await store.kommune(db, aftale.kommunekode);
      const d = await detail(aftale, aar);
      const households = new Map((await store.coveredAfdelinger(db, aftale, aar - 1)).map((a) => [a.afdeling_id, a.figures.husstande ?? null]));
      const orgs = new Map<string, { navn: string; afdelinger: number; familieboliger: number }>(aftale.parter.map((p) => [p.navn, { navn: p.navn, afdelinger: 0, familieboliger: 0 }]));
      for (const a of d.afdelinger) {
        const o = orgs.get(a.boligorganisation_navn) ?? orgs.set(a.boligorganisation_navn, { navn: a.boligorganisation_navn, afdelinger: 0, familieboliger: 0 }).get(a.boligorganisation_navn)!;
        o.afdelinger++;
        o.familieboliger += a.antal_familie;
      }
      const date = aftale.gyldig_fra;
      const report = agreementReport({
        kommune,
        aftale,
        parter: [...orgs.values()],
        vurdering: d.vurdering,
        lovbestemte: law(() => mandatoryTools(KATEGORIER, date, params)),
        lov: {
          hverNte: law(() => params.param('kommunal_anvisning_hver_ntes_bolig', date)),
          kombineretBeboere: law(() => params.param('kombineret_omraade_min_beboere', date)),
          kombineretPct: law(() => params.param('kombineret_omraade_udenfor_pct_mindst', date)),
        },
        bilag: d.bilag,
        trintabel: {
          aar,
          liste: d.kategorier_fra,
          rows: d.afdelinger.map((a) => {
            const trin = aftale.trappemodel.trin.find((t) => t.id === a.placering?.trin) ?? null;
            return {
              afdeling_id: a.afdeling_id,
              afdeling_navn: a.afdeling_navn,
              afdelingsnummer: a.afdelingsnummer,
              boligorganisation_navn: a.boligorganisation_navn,
              antal_familie: a.antal_familie,
              kategorier: a.kategorier,
              noegletal_aar: a.noegletal_aar,
              uden_for_arbejde_pct: a.uden_for_arbejde_pct,
              skjult: a.uden_for_arbejde_pct !== null && !rateAllowed(households.get(a.afdeling_id), rules),
              trin_navn: trin?.navn ?? null,
              manuel: a.placering?.manuel ?? false,
              begrundelse: a.placering?.begrundelse ?? '',
              kommunal_anvisning_pct: a.redskaber?.kommunal_anvisning_pct ?? null,
              fleksibel_udlejning_pct: a.redskaber?.fleksibel_udlejning_pct ?? null,
              lovbestemte: a.redskaber?.lovbestemte.map((x) => `${x.paragraf} ${x.titel.toLowerCase()}`) ?? [],
            };
          }),
        },
        now: new Date(),
      });
      reply.header('cache-control', 'no-store');
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${fileName(`udlejningsaftale-${aftale.id}-${aar}`)}.pdf"`).send(await reportPdf(report));
    },
  );
}

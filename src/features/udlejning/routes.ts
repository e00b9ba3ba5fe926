// The udlejningsaftale over HTTP (issue 5): agreements with parties, goals, cooperation and annexes; the
// trappemodel and the yearly placement of every covered afdeling (manual override with a reason, history
// kept); the tools in force per afdeling with the mandatory ones from the area lists; and the quota ledger.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../http/server.ts';
import { accessOf } from '../../http/auth.ts';
import { registerRoles, type Role } from '../../http/access.ts';
import { DomainError, notFound } from '../../errors.ts';
import { LawParamError, loadLaw } from '../../law/params.ts';
import { listRoute } from '../../shared/list-route.ts';
import { errorSchema, formatParam, idParam, idParams, kommunekodeParam, yearParam } from '../../shared/query.ts';
import {
  agreementWarnings,
  defaultTrappemodel,
  effectiveTools,
  placeOnStep,
  validateTrappemodel,
  validateTrinRedskaber,
  type EffektiveRedskaber,
  type Trappemodel,
} from '../../rules/udlejning.ts';
import { ledger, type LedgerInput } from './ledger.ts';
import { computePlacements } from './placement.ts';
import { forecastInput } from './forecast.ts';
import { prognoseMange, type PrognoseInput } from '../../rules/prognose.ts';
import * as store from './store.ts';

const tags = ['Udlejningsaftale'];
const readPolicy = { roles: registerRoles };
const writeRoles: readonly Role[] = ['administrator', 'boligkontor'];
const writePolicy = { roles: writeRoles };
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema };
// The answers are described in docs/api-contract.md; their shape follows the rule module's types.
const answer = { 200: z.unknown(), 201: z.unknown(), ...errors };
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
});
type AftaleBody = z.infer<typeof aftaleBody>;

const kommunerOf = (req: FastifyRequest) => accessOf(req).kommuner(registerRoles);
function canWrite(req: FastifyRequest, kommunekode: string) {
  if (!accessOf(req).has(writeRoles, kommunekode)) throw new DomainError('FORBIDDEN', 'Du kan ikke ændre udlejningsaftaler for denne kommune.');
}
const today = () => new Date().toISOString().slice(0, 10);

function law<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (err) {
    if (err instanceof LawParamError) return null;
    throw err;
  }
}

export async function udlejningRoutes(app: App, { db }: AppDeps) {
  const params = loadLaw();

  function checkBody(b: AftaleBody): { trappemodel: Trappemodel } {
    if (b.gyldig_til <= b.gyldig_fra) throw new DomainError('VALIDATION', 'Aftalen skal slutte efter, den begynder.', { fields: [{ field: 'gyldig_til', message: 'Slutdatoen skal ligge efter startdatoen.' }] });
    const model = (b.trappemodel as Trappemodel | undefined) ?? law(() => defaultTrappemodel(params, b.gyldig_fra));
    if (!model) throw new DomainError('VALIDATION', `Der er ingen gældende regler for kommunal anvisning pr. ${b.gyldig_fra}; angiv selv trappemodellen.`);
    const problems = validateTrappemodel(model).filter((p) => p.niveau === 'fejl');
    if (problems.length) throw new DomainError('VALIDATION', 'Trappemodellen er ikke gyldig.', { fields: problems.map((p) => ({ field: `trappemodel.${p.felt}`, message: p.tekst })) });
    model.trin.forEach((t, i) => validateTrinRedskaber(t.redskaber, `trin ${i + 1}`));
    return { trappemodel: model };
  }

  /** Everything the agreement page shows for one letting year. */
  async function detail(aftale: store.Aftale, aar: number) {
    const covered = await store.coveredAfdelinger(db, aftale, aar - 1);
    const total = await store.familieboligerIKommunen(db, aftale.kommunekode);
    const daekkede = covered.reduce((s, a) => s + a.antal_familie, 0);
    const vurdering = law(() =>
      agreementWarnings({ periode: { fra: aftale.gyldig_fra, til: aftale.gyldig_til }, fleksibelUdlejning: aftale.fleksibel_udlejning, daekkedeFamilieboliger: daekkede, kommunensFamilieboliger: total }, today(), params),
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
        uden_for_arbejde_pct: a.figures.uden_for_arbejde_pct ?? null,
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
      const id = await store.saveAftale(db, accessOf(req).actor, { ...req.body, trappemodel });
      return reply.code(201).send(await store.getAftale(db, id, kommunerOf(req)));
    },
  );

  const aarQuery = z.object({ aar: yearParam('Året').optional() });
  app.get(
    '/api/udlejningsaftaler/:id',
    { config: { policy: readPolicy }, schema: { tags, summary: 'En udlejningsaftale med advarsler, dækning, afdelingernes trin og redskaber for et år', params: idParams, querystring: aarQuery, response: answer } },
    async (req) => {
      const aftale = await store.getAftale(db, req.params.id, kommunerOf(req));
      const aar = req.query.aar ?? Math.min(Math.max(new Date().getFullYear(), Number(aftale.gyldig_fra.slice(0, 4))), Number(aftale.gyldig_til.slice(0, 4)));
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
      await store.saveAftale(db, accessOf(req).actor, { ...req.body, trappemodel }, old.id);
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
  async function toolsFor(aftale: store.Aftale, a: store.DaekketAfdeling, aar: number, placed: store.PlaceringRow | undefined) {
    const cats = await store.categoriesForLettingYear(db, aftale.kommunekode, aar);
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
          anvisning_pct: z.coerce.number().min(0).max(100).optional(),
          fleksibel_pct: z.coerce.number().min(0).max(100).optional(),
          horisont: z.coerce.number().int().min(1).max(10).default(10),
          koersler: z.coerce.number().int().min(100).max(10000).default(1000),
        }),
        response: answer,
      },
    },
    async (req) => {
      const q = req.query;
      const aftale = await store.getAftale(db, req.params.id, kommunerOf(req));
      const aar = q.aar ?? Number(aftale.gyldig_fra.slice(0, 4));
      const covered = (await store.coveredAfdelinger(db, aftale, aar - 1)).filter((a) => q.afdeling_id === undefined || a.afdeling_id === q.afdeling_id);
      if (q.afdeling_id !== undefined && !covered.length) throw notFound('Afdelingen i aftalen');
      const placed = new Map((await store.placeringer(db, aftale.id, { aar })).map((p) => [p.afdeling_id, p]));
      const history = await store.lettingHistory(db, covered.map((a) => a.afdeling_id));
      const other = q.sammenlign_med !== undefined ? await store.getAftale(db, q.sammenlign_med, kommunerOf(req)) : null;
      const inputs: { a: store.DaekketAfdeling; input: PrognoseInput }[] = [];
      const skipped: { afdeling_id: number; afdeling_navn: string; grund: string }[] = [];
      for (const a of covered) {
        const tools = await toolsFor(aftale, a, aar, placed.get(a.afdeling_id));
        if (!tools || a.noegletal_aar === null) {
          skipped.push({ afdeling_id: a.afdeling_id, afdeling_navn: a.afdeling_navn, grund: a.noegletal_aar === null ? 'ingen nøgletal' : 'afdelingen kan ikke placeres på et trin' });
          continue;
        }
        const scenarier = [{ navn: aftale.navn, redskaber: tools }];
        if (other) {
          const t2 = await toolsFor(other, a, aar, undefined);
          if (t2) scenarier.push({ navn: other.navn, redskaber: t2 });
        }
        if (q.anvisning_pct !== undefined || q.fleksibel_pct !== undefined) {
          const anv = q.anvisning_pct ?? tools.kommunalAnvisning.andelPct;
          const fl = q.fleksibel_pct ?? (tools.fleksibelUdlejning.aktiv ? tools.fleksibelUdlejning.andelPct : 0);
          scenarier.push({ navn: `Egne andele: ${anv} % anvisning, ${fl} % fleksibel`, redskaber: { ...tools, kommunalAnvisning: { ...tools.kommunalAnvisning, andelPct: anv }, fleksibelUdlejning: { ...tools.fleksibelUdlejning, aktiv: fl > 0, andelPct: fl } } });
        }
        try {
          inputs.push({ a, input: forecastInput(a, a.noegletal_aar, scenarier, history.get(a.afdeling_id) ?? null, params) });
        } catch (err) {
          if (!(err instanceof DomainError) || q.afdeling_id !== undefined) throw err;
          skipped.push({ afdeling_id: a.afdeling_id, afdeling_navn: a.afdeling_navn, grund: err.message });
        }
      }
      const results = prognoseMange(inputs.map((x) => x.input), { horisont: q.horisont, koersler: q.koersler });
      if (q.afdeling_id !== undefined) return { afdeling: { id: covered[0].afdeling_id, navn: covered[0].afdeling_navn, placering: placed.get(covered[0].afdeling_id) ?? null }, prognose: results[0] };
      return {
        aar,
        afdelinger: results.map((r, i) => {
          const ind = r.scenarier[0].indikatorer[0];
          return {
            afdeling_id: inputs[i].a.afdeling_id,
            afdeling_navn: inputs[i].a.afdeling_navn,
            boligorganisation_navn: inputs[i].a.boligorganisation_navn,
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
    const l = ledger(input);
    if (niveau === 'afdeling') return l.afdelinger.map((r) => ({ ...r, niveau, navn: r.afdeling_navn }));
    if (niveau === 'organisation') return l.organisationer.map((r) => ({ ...r, niveau, navn: r.boligorganisation_navn!, trin: null }));
    return l.kommune.map((r) => ({ ...r, niveau, navn: 'Hele aftalen', boligorganisation_navn: null, trin: null }));
  }
}

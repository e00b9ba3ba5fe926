// The statutory area lists over HTTP (issue 4): the municipality's overview with early warning, a page per
// area, computing from the register or from a file, the ministry's published lists and the differences,
// the national convicted averages, exports of lists and explanations, and recomputation of a stored result.
import { readFile } from 'node:fs/promises';
import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App, AppDeps } from '../../http/server.ts';
import { accessOf } from '../../http/auth.ts';
import { registerRoles, type Role } from '../../http/access.ts';
import { DomainError, notFound } from '../../errors.ts';
import { LawParamError, loadLaw, type Params } from '../../law/params.ts';
import { listRoute } from '../../shared/list-route.ts';
import { errorSchema, formatParam, idParams, kommunekodeParam, yearParam } from '../../shared/query.ts';
import { discard, readUpload } from '../../shared/upload.ts';
import { getKommune } from '../register/store.ts';
import type { Kategori, Klassifikation, OmraadeIndikatorer } from '../../rules/abl-61a.ts';
import { parseIndicators } from './cli.ts';
import { differences, recompute, type Afvigelse } from './compare.ts';
import { parsePublished } from './published.ts';
import { aggregatePersons, parseReference } from './persons.ts';
import { indicatorsFromFigures, loadAreaFigures, loadLandsgennemsnit, type Mangel } from './register-input.ts';
import * as s from './schema.ts';
import {
  getComputation,
  kategorier,
  kategoriNavn,
  latestComputation,
  listLandsgennemsnit,
  publishedOf,
  replacePublished,
  resultsOf,
  saveComputation,
  setLandsgennemsnit,
  type Beregning,
  type Resultat,
} from './store.ts';
import { explanationPdf, explanationXlsx } from './explain-export.ts';
import { areaWarning, warningSummary } from './warning.ts';

const tags = ['Områdelister'];
const readPolicy = { roles: registerRoles };
/** Who computes and imports lists: the municipality's housing office. */
const writeRoles: readonly Role[] = ['administrator', 'boligkontor'];
const writePolicy = { roles: writeRoles };
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema };
const rowError = z.object({ line: z.number(), column: z.string().nullable(), message: z.string() });

function canRead(req: FastifyRequest, kommunekode: string) {
  // A municipality outside the user's own is answered as unknown.
  if (!accessOf(req).has(registerRoles, kommunekode)) throw notFound('Kommunen');
}
function canWrite(req: FastifyRequest, kommunekode: string) {
  if (!accessOf(req).has(writeRoles, kommunekode)) throw new DomainError('FORBIDDEN', 'Du kan ikke beregne eller indlæse lister for denne kommune.');
}

/** Row errors as "Linje N, kolonne c: …" strings to the import error shape, so the UI shows them alike. */
function rejected(message: string, lines: string[]): DomainError {
  const errs = lines.map((m) => {
    const hit = /^Linje (\d+)(?:, kolonne ([^:]+))?:/.exec(m);
    return { line: hit ? Number(hit[1]) : 0, column: hit?.[2] ?? null, message: m };
  });
  return new DomainError('IMPORT_REJECTED', message, { job_id: null, error_count: errs.length, errors: errs.slice(0, 200) });
}

const presentBeregning = (b: Beregning) => ({
  id: Number(b.id),
  kilde: b.kilde,
  kilde_detalje: b.kilde_detalje,
  beregnet_at: b.beregnet_at,
  beregnet_af: b.beregnet_af,
  parametre_fingeraftryk: b.parametre_fingeraftryk,
});

const countOf = (rs: readonly Resultat[], year: number, uden: boolean) =>
  Object.fromEntries(kategorier.map((k) => [k, rs.filter((r) => r.listeaar === year && r.uden_etnisk === uden && r.kategorier.includes(k)).length])) as Record<
    Kategori,
    number
  >;

interface State {
  kommune: { kode: string; navn: string; demo: boolean };
  beregning: Beregning | null;
  results: Resultat[];
  published: Awaited<ReturnType<typeof publishedOf>>;
  afvigelser: Afvigelse[];
}

async function loadState(db: AppDeps['db'], kommunekode: string, omraade?: string): Promise<State> {
  const kommune = await getKommune(db, kommunekode);
  if (!kommune) throw notFound('Kommunen');
  const beregning = await latestComputation(db, kommunekode);
  const results = beregning ? await resultsOf(db, beregning.id, omraade) : [];
  const published = await publishedOf(db, kommunekode);
  if (omraade) published.rows = published.rows.filter((r) => r.omraade_kode === omraade);
  const med = results.filter((r) => !r.uden_etnisk).map((r) => r.resultat);
  const afvigelser = differences(med, (beregning?.mangler ?? []).filter((m) => !omraade || m.omraade_kode === omraade), published);
  return { kommune, beregning, results, published, afvigelser };
}

function timeline(st: State, kode: string) {
  const years = new Set(st.published.years.map((y) => y.listeaar));
  const pub = (y: number) => (years.has(y) ? kategorier.filter((k) => st.published.rows.some((r) => r.listeaar === y && r.omraade_kode === kode && r.kategori === k)) : null);
  const mine = st.results.filter((r) => r.omraade_kode === kode);
  const allYears = [...new Set([...mine.map((r) => r.listeaar), ...st.published.rows.filter((r) => r.omraade_kode === kode).map((r) => r.listeaar)])].sort((a, b) => a - b);
  return allYears.map((y) => ({
    listeaar: y,
    kategorier: mine.find((r) => r.listeaar === y && !r.uden_etnisk)?.kategorier ?? [],
    kategorier_uden_etnisk: mine.find((r) => r.listeaar === y && r.uden_etnisk)?.kategorier ?? [],
    offentliggjort: pub(y),
    afviger: st.afvigelser.some((a) => a.listeaar === y && a.omraade_kode === kode),
  }));
}

/** Population counts for "how many persons" in the warning, from the register's latest key figures. */
async function populations(db: AppDeps['db'], kommunekode: string) {
  const { rows } = await db.pool.query(
    `SELECT DISTINCT ON (o.kode) o.kode, n.beboere_18_64, n.beboere_65_plus FROM boligomraade o JOIN noegletal n ON n.boligomraade_id = o.id
      WHERE o.kommunekode = $1 ORDER BY o.kode, n.aar DESC`,
    [kommunekode],
  );
  return new Map(
    rows.map((r) => [
      r.kode as string,
      { beboere_18_64: r.beboere_18_64 ?? undefined, beboere_18_plus: r.beboere_18_64 != null && r.beboere_65_plus != null ? r.beboere_18_64 + r.beboere_65_plus : undefined },
    ]),
  );
}

function classifyOrReject<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof LawParamError) throw new DomainError('VALIDATION', `Listeår uden gældende regler: ${err.message}`);
    throw err;
  }
}

export async function arealistRoutes(root: App, { db, config }: AppDeps) {
  const params: Params = loadLaw();

  root.get(
    '/api/lister/oversigt',
    {
      config: { policy: readPolicy },
      schema: {
        tags,
        summary: 'Kommunens områdelister: kategorier pr. område og listeår, tidlig varsling, afvigelser fra de offentliggjorte lister',
        querystring: z.object({ kommunekode: kommunekodeParam }),
        response: { 200: s.oversigt, ...errors },
      },
    },
    async (req) => {
      canRead(req, req.query.kommunekode);
      const st = await loadState(db, req.query.kommunekode);
      const listeaar = [...new Set(st.results.map((r) => r.listeaar))].sort((a, b) => a - b);
      const seneste = listeaar.at(-1) ?? null;
      const pop = await populations(db, req.query.kommunekode);
      const codes = [...new Set([...st.results.map((r) => r.omraade_kode), ...st.published.rows.map((r) => r.omraade_kode)])];
      const names = new Map([...st.published.rows.map((r) => [r.omraade_kode, r.omraade_navn] as const), ...st.results.map((r) => [r.omraade_kode, r.omraade_navn] as const)]);
      const omraader = codes
        .map((kode) => {
          const w = st.beregning ? areaWarning(st.beregning.input, kode, params, pop) : null;
          return { kode, navn: names.get(kode) ?? kode, aar: timeline(st, kode), varsel: w ? warningSummary(w) : null };
        })
        .sort((a, b) => a.navn.localeCompare(b.navn, 'da') || a.kode.localeCompare(b.kode, 'da'));
      return {
        kommune: st.kommune,
        beregning: st.beregning ? presentBeregning(st.beregning) : null,
        listeaar,
        seneste_listeaar: seneste,
        naeste_listeaar: seneste === null ? null : seneste + 1,
        antal: listeaar.map((y) => ({ listeaar: y, med: countOf(st.results, y, false), uden_etnisk: countOf(st.results, y, true) })),
        omraader,
        mangler: st.beregning?.mangler ?? [],
        afvigelser: st.afvigelser,
        offentliggjort_aar: st.published.years,
        landsgennemsnit: await listLandsgennemsnit(db),
      };
    },
  );

  const omraadeQuery = z.object({ kommunekode: kommunekodeParam });
  const omraadeParams = z.object({ kode: z.string().min(1).max(60) });

  root.get(
    '/api/lister/omraader/:kode',
    {
      config: { policy: readPolicy },
      schema: {
        tags,
        summary: 'Ét område: tidslinje over kategorier, begrundelse pr. listeår og tidlig varsling for næste liste',
        params: omraadeParams,
        querystring: omraadeQuery,
        response: {
          200: z.object({
            omraade: z.object({ kode: z.string(), navn: z.string(), kommunekode: z.string() }),
            beregning: s.beregning.nullable(),
            tidslinje: z.array(s.aarStatus),
            resultater: z.array(s.klassifikation),
            resultater_uden_etnisk: z.array(s.klassifikation),
            varsel: z.unknown().nullable(),
            mangler: z.array(s.mangel),
            afvigelser: z.array(s.afvigelse),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      canRead(req, req.query.kommunekode);
      const st = await loadState(db, req.query.kommunekode, req.params.kode);
      const kode = req.params.kode;
      const mangler = (st.beregning?.mangler ?? []).filter((m) => m.omraade_kode === kode);
      const navn = st.results[0]?.omraade_navn ?? st.published.rows[0]?.omraade_navn ?? mangler[0]?.omraade_navn;
      if (!navn) throw notFound('Området');
      const newest = (uden: boolean) => st.results.filter((r) => r.uden_etnisk === uden).map((r) => r.resultat).sort((a, b) => b.listeaar - a.listeaar);
      const pop = await populations(db, req.query.kommunekode);
      return {
        omraade: { kode, navn, kommunekode: req.query.kommunekode },
        beregning: st.beregning ? presentBeregning(st.beregning) : null,
        tidslinje: timeline(st, kode),
        resultater: newest(false),
        resultater_uden_etnisk: newest(true),
        varsel: st.beregning ? areaWarning(st.beregning.input, kode, params, pop) : null,
        mangler,
        afvigelser: st.afvigelser,
      };
    },
  );

  root.get(
    '/api/lister/omraader/:kode/forklaring',
    {
      config: { policy: readPolicy },
      schema: {
        tags,
        summary: 'Begrundelsen for et område som PDF eller xlsx (alle listeår, eller ét)',
        params: omraadeParams,
        querystring: omraadeQuery.extend({ listeaar: yearParam('Listeåret').optional(), format: z.enum(['pdf', 'xlsx'], { error: 'Formatet skal være pdf eller xlsx.' }) }),
      },
    },
    async (req, reply) => {
      canRead(req, req.query.kommunekode);
      const st = await loadState(db, req.query.kommunekode, req.params.kode);
      const med = st.results.filter((r) => !r.uden_etnisk && (req.query.listeaar === undefined || r.listeaar === req.query.listeaar)).map((r) => r.resultat);
      if (!med.length) throw notFound('Begrundelsen');
      const uden = st.results.filter((r) => r.uden_etnisk && med.some((m) => m.listeaar === r.listeaar)).map((r) => r.resultat);
      const doc = { kommune: st.kommune, beregning: st.beregning!, med: med.sort((a, b) => b.listeaar - a.listeaar), uden };
      reply.header('cache-control', 'no-store');
      const file = `begrundelse-${req.params.kode}${req.query.listeaar ? `-${req.query.listeaar}` : ''}`.replace(/[^A-Za-z0-9._-]/g, '_');
      if (req.query.format === 'pdf') {
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${file}.pdf"`)
          .send(await explanationPdf(doc));
      }
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${file}.xlsx"`)
        .send(await explanationXlsx(doc));
    },
  );

  root.post(
    '/api/lister/beregn',
    {
      config: { policy: writePolicy },
      schema: {
        tags,
        summary: 'Beregn kommunens lister ud fra registrets nøgletal (alle listeår, tallene dækker)',
        body: z.object({ kommunekode: kommunekodeParam }),
        response: { 200: s.beregnSvar, ...errors },
      },
    },
    async (req) => {
      canWrite(req, req.body.kommunekode);
      if (!(await getKommune(db, req.body.kommunekode))) throw notFound('Kommunen');
      const areas = await loadAreaFigures(db, req.body.kommunekode);
      const { rows, mangler } = indicatorsFromFigures(areas, await loadLandsgennemsnit(db), params);
      if (!rows.length) {
        const why = areas.length === 0 ? 'Kommunen har ingen boligområder i registret.' : `Ingen område har tal nok til et listeår${mangler.length ? ` (fx ${mangler[0].omraade_navn} ${mangler[0].listeaar}: mangler ${mangler[0].felter.join(', ')})` : ''}.`;
        throw new DomainError('VALIDATION', `Intet at beregne: ${why}`);
      }
      return save(req, req.body.kommunekode, 'register', null, rows, mangler, 0);
    },
  );

  async function save(req: FastifyRequest, kommunekode: string, kilde: 'register' | 'indikatorfil' | 'personfil', detalje: string | null, rows: OmraadeIndikatorer[], mangler: Mangel[], skipped: number) {
    const r = await classifyOrReject(() => saveComputation(db, accessOf(req).actor, params, { kommunekode, kilde, kilde_detalje: detalje, rows, mangler }));
    const years = r.listeaar.length ? `${r.listeaar[0]}-${r.listeaar.at(-1)}` : 'ingen';
    return {
      beregning_id: r.id,
      listeaar: r.listeaar,
      resultater: r.antal,
      mangler: mangler.length,
      sprunget_over: skipped,
      besked: `Beregnet ${r.antal} resultater for listeårene ${years}.${mangler.length ? ` ${mangler.length} område-år mangler tal.` : ''}${skipped ? ` ${skipped} rækker for andre kommuner er sprunget over.` : ''}`,
    };
  }

  // Uploads: multipart only in this context.
  await root.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>();
    await app.register(fastifyMultipart, { limits: { fileSize: config.ALMEN_UPLOAD_MAX_BYTES } });
    const uploadErrors = { ...errors, 413: errorSchema, 422: z.object({ error: z.object({ code: z.literal('IMPORT_REJECTED'), message: z.string(), job_id: z.null(), error_count: z.number(), errors: z.array(rowError) }) }) };
    const kommuneField = z.object({ kommunekode: kommunekodeParam });

    app.post(
      '/api/lister/indikatorfil',
      {
        config: { policy: writePolicy },
        schema: { tags, summary: 'Beregn lister ud fra en fil i områdeindikatorformatet (multipart: file, kommunekode)', consumes: ['multipart/form-data'], response: { 200: s.beregnSvar, ...uploadErrors } },
      },
      async (req) => {
        const upload = await readUpload(req, config.ALMEN_UPLOAD_MAX_BYTES);
        try {
          const f = kommuneField.safeParse(upload.fields);
          if (!f.success) throw new DomainError('VALIDATION', 'Vælg kommunen.', { fields: [{ field: 'kommunekode', message: f.error.issues[0].message }] });
          const kommunekode = f.data.kommunekode;
          canWrite(req, kommunekode);
          const file = upload.files.file;
          if (!file) throw new DomainError('VALIDATION', 'Vælg en fil.', { fields: [{ field: 'file', message: 'Vælg en fil.' }] });
          const { rows, errors: errs } = parseIndicators(await readFile(file.path));
          if (errs.length) throw rejected(`Filen er afvist med ${errs.length} fejl; intet er beregnet.`, errs);
          const mine = rows.filter((r) => String(r.kommunekode).padStart(4, '0') === kommunekode);
          if (!mine.length) throw rejected(`Filen har ingen rækker for kommune ${kommunekode}; intet er beregnet.`, []);
          return save(req, kommunekode, 'indikatorfil', file.name, mine, [], rows.length - mine.length);
        } finally {
          await discard(upload);
        }
      },
    );

    app.post(
      '/api/lister/personfil',
      {
        config: { policy: writePolicy },
        schema: {
          tags,
          summary: 'Beregn lister ud fra personoplysninger (multipart: personer, reference, kommunekode); kun områdetallene gemmes',
          consumes: ['multipart/form-data'],
          response: { 200: s.beregnSvar, ...uploadErrors },
        },
      },
      async (req) => {
        // Person records are personal data: read into memory only, aggregated, and dropped with the request.
        const upload = await readUpload(req, config.ALMEN_UPLOAD_MAX_BYTES, ['personer', 'reference'], ['personer', 'reference']);
        const f = kommuneField.safeParse(upload.fields);
        if (!f.success) throw new DomainError('VALIDATION', 'Vælg kommunen.', { fields: [{ field: 'kommunekode', message: f.error.issues[0].message }] });
        const kommunekode = f.data.kommunekode;
        canWrite(req, kommunekode);
        const { personer, reference } = upload.memory;
        if (!personer || !reference) {
          throw new DomainError('VALIDATION', 'Vælg både personfilen og referencefilen.', {
            fields: [...(personer ? [] : [{ field: 'personer', message: 'Vælg personfilen.' }]), ...(reference ? [] : [{ field: 'reference', message: 'Vælg referencefilen.' }])],
          });
        }
        const ref = parseReference(reference.buffer);
        if (ref.errors.length) throw rejected(`Referencefilen er afvist med ${ref.errors.length} fejl; intet er beregnet.`, ref.errors);
        const agg = classifyOrReject(() => aggregatePersons(personer.buffer, ref.reference, params));
        if (agg.errors.length) throw rejected(`Personfilen er afvist med ${agg.errorCount} fejl; intet er beregnet.`, agg.errors);
        const mine = agg.rows.filter((r) => String(r.kommunekode).padStart(4, '0') === kommunekode);
        if (!mine.length) throw rejected(`Personfilen har ingen områder i kommune ${kommunekode}; intet er beregnet.`, []);
        return save(req, kommunekode, 'personfil', `${personer.name} (${agg.personer} personrækker, ikke gemt)`, mine, [], agg.rows.length - mine.length);
      },
    );

    app.post(
      '/api/lister/offentliggjort',
      {
        config: { policy: writePolicy },
        schema: {
          tags,
          summary: 'Indlæs ministeriets offentliggjorte lister (multipart: file, kilde); erstatter de listeår, filen har, for dine kommuner',
          consumes: ['multipart/form-data'],
          response: {
            200: z.object({ listeaar: z.array(z.number()), kommuner: z.array(z.string()), raekker: z.number(), sprunget_over: z.number(), besked: z.string() }),
            ...uploadErrors,
          },
        },
      },
      async (req) => {
        const upload = await readUpload(req, config.ALMEN_UPLOAD_MAX_BYTES);
        try {
          const kilde = (upload.fields.kilde ?? '').trim();
          if (!kilde || kilde.length > 300) throw new DomainError('VALIDATION', 'Angiv kilden (fx "Social- og Boligministeriet, lister pr. 1. december 2024").', { fields: [{ field: 'kilde', message: 'Angiv kilden (højst 300 tegn).' }] });
          const file = upload.files.file;
          if (!file) throw new DomainError('VALIDATION', 'Vælg en fil.', { fields: [{ field: 'file', message: 'Vælg en fil.' }] });
          const { rows, years, errors: errs } = parsePublished(await readFile(file.path));
          if (errs.length) throw rejected(`Filen er afvist med ${errs.length} fejl; intet er indlæst.`, errs);
          const mine = accessOf(req).kommuner(writeRoles);
          const kept = rows.filter((r) => mine.includes(r.kommunekode));
          await replacePublished(db, accessOf(req).actor, kilde, mine, years, kept);
          return {
            listeaar: years,
            kommuner: mine,
            raekker: kept.length,
            sprunget_over: rows.length - kept.length,
            besked: `Indlæst ${kept.length} placeringer for listeårene ${years.join(', ')}.${rows.length > kept.length ? ` ${rows.length - kept.length} rækker for andre kommuner er sprunget over.` : ''}`,
          };
        } finally {
          await discard(upload);
        }
      },
    );
  });

  root.get(
    '/api/lister/landsgennemsnit',
    { config: { policy: readPolicy }, schema: { tags, summary: 'Landsgennemsnit for andelen dømte pr. år (referenceværdi til § 61 a, stk. 1, nr. 2)', response: { 200: z.array(s.landsgennemsnit), ...errors } } },
    async () => listLandsgennemsnit(db),
  );

  root.put(
    '/api/lister/landsgennemsnit/:aar',
    {
      config: { policy: { roles: ['administrator'] } },
      schema: {
        tags,
        summary: 'Sæt landsgennemsnittet for andelen dømte for et år (med kilde)',
        params: z.object({ aar: yearParam('Året') }),
        body: z.object({
          doemte_pct: z.number({ error: 'Andelen skal være et tal.' }).gt(0, { error: 'Andelen skal være over 0 %.' }).lt(100, { error: 'Andelen skal være under 100 %.' }),
          kilde: z.string().trim().min(1, { error: 'Angiv kilden.' }).max(300, { error: 'Kilden må højst være 300 tegn.' }),
        }),
        response: { 200: s.landsgennemsnit, ...errors },
      },
    },
    async (req) => setLandsgennemsnit(db, accessOf(req).actor, { aar: req.params.aar, ...req.body }),
  );

  root.get(
    '/api/lister/beregninger/:id/genberegning',
    {
      config: { policy: readPolicy },
      schema: { tags, summary: 'Genberegn en gemt beregning med de regler, der gælder nu, og vis forskellene', params: idParams, response: { 200: s.genberegning, ...errors } },
    },
    async (req) => {
      const b = await getComputation(db, req.params.id, accessOf(req).kommuner(registerRoles));
      if (!b) throw notFound('Beregningen');
      const results = await resultsOf(db, b.id);
      return classifyOrReject(() => recompute(b, results, params));
    },
  );

  // Lists with export (csv, xlsx, pdf): the results as flat rows, and the differences.
  const resultQuery = z.object({
    kommunekode: kommunekodeParam,
    listeaar: yearParam('Listeåret').optional(),
    uden_etnisk: z.enum(['0', '1'], { error: 'uden_etnisk skal være 0 eller 1.' }).default('0'),
    format: formatParam,
  });
  const resultItem = z.object({
    listeaar: z.number(),
    omraade_kode: z.string(),
    omraade_navn: z.string(),
    kategorier: z.string(),
    beboere: z.number(),
    udenfor_pct: z.number().nullable(),
    doemte_pct: z.number().nullable(),
    doemte_graense_pct: z.number().nullable(),
    grundskole_pct: z.number().nullable(),
    indkomst_pct: z.number().nullable(),
    ikkevestlige_pct: z.number().nullable(),
    kriterier_61a: z.number().nullable(),
    kriterier_61b: z.number().nullable(),
    aar_i_traek: z.number().nullable(),
    uden_etnisk: z.boolean(),
  });
  type ResultItem = z.infer<typeof resultItem>;
  const crit = (k: Klassifikation, id: string) => (k.udsat ?? k.ghettoomraade2013)?.kriterier.find((c) => c.id === id) ?? null;
  const flat = (k: Klassifikation): ResultItem => ({
    listeaar: k.listeaar,
    omraade_kode: k.omraade_kode,
    omraade_navn: k.omraade_navn,
    kategorier: k.kategorier.map((c) => kategoriNavn[c]).join(', ') || 'Ingen',
    beboere: k.beboere.vaerdi,
    udenfor_pct: crit(k, 'udenfor')?.vaerdi ?? null,
    doemte_pct: crit(k, 'doemte')?.vaerdi ?? null,
    doemte_graense_pct: crit(k, 'doemte')?.taerskel ?? null,
    grundskole_pct: crit(k, 'grundskole')?.vaerdi ?? null,
    indkomst_pct: crit(k, 'indkomst')?.vaerdi ?? null,
    ikkevestlige_pct: (k.parallelsamfund?.ikkevestlige ?? k.ghettoomraade2013?.ikkevestlige)?.vaerdi ?? null,
    kriterier_61a: (k.udsat ?? k.ghettoomraade2013)?.antalOpfyldt ?? null,
    kriterier_61b: k.forebyggelse?.antalOpfyldt ?? null,
    aar_i_traek: k.omdannelse?.sammenhaengendeAar ?? null,
    uden_etnisk: k.udenEtniskKriterium,
  });
  listRoute(root, {
    url: '/api/lister/resultater',
    tags,
    summary: 'Beregnede lister: ét område og listeår pr. række, med kriteriernes værdier',
    policy: readPolicy,
    querystring: resultQuery,
    item: resultItem,
    export: {
      name: 'omraadelister',
      title: 'Områdelister',
      columns: [
        { header: 'Listeår', type: 'int', field: 'listeaar' },
        { header: 'Områdekode', type: 'text', field: 'omraade_kode' },
        { header: 'Område', type: 'text', field: 'omraade_navn' },
        { header: 'Kategorier', type: 'text', field: 'kategorier' },
        { header: 'Beboere 1. jan.', type: 'int', field: 'beboere' },
        { header: 'Uden for arbejde/udd. %', type: 'decimal', field: 'udenfor_pct' },
        { header: 'Dømte %', type: 'decimal', field: 'doemte_pct', decimals: 3 },
        { header: 'Grænse dømte %', type: 'decimal', field: 'doemte_graense_pct', decimals: 3 },
        { header: 'Kun grundskole %', type: 'decimal', field: 'grundskole_pct' },
        { header: 'Indkomst % af region', type: 'decimal', field: 'indkomst_pct' },
        { header: 'Ikke-vestlige %', type: 'decimal', field: 'ikkevestlige_pct' },
        { header: 'Kriterier § 61 a', type: 'int', field: 'kriterier_61a' },
        { header: 'Kriterier § 61 b', type: 'int', field: 'kriterier_61b' },
        { header: 'År i træk', type: 'int', field: 'aar_i_traek' },
        { header: 'Uden etnisk kriterium', type: 'text', value: (i) => (i.uden_etnisk ? 'ja' : 'nej') },
      ],
    },
    list: async (q, paging, req) => {
      canRead(req, q.kommunekode);
      const b = await latestComputation(db, q.kommunekode);
      const rows = b ? await resultsOf(db, b.id) : [];
      const items = rows
        .filter((r) => r.uden_etnisk === (q.uden_etnisk === '1') && (q.listeaar === undefined || r.listeaar === q.listeaar))
        .map((r) => flat(r.resultat))
        .sort((a, b) => b.listeaar - a.listeaar || a.omraade_navn.localeCompare(b.omraade_navn, 'da'));
      return { total: items.length, items: paging ? items.slice(paging.offset, paging.offset + paging.limit) : items };
    },
  });

  listRoute(root, {
    url: '/api/lister/afvigelser',
    tags,
    summary: 'Hvor de beregnede lister afviger fra de offentliggjorte, med årsag når den kendes',
    policy: readPolicy,
    querystring: z.object({ kommunekode: kommunekodeParam, format: formatParam }),
    item: s.afvigelse,
    export: {
      name: 'afvigelser',
      title: 'Afvigelser',
      columns: [
        { header: 'Listeår', type: 'int', field: 'listeaar' },
        { header: 'Områdekode', type: 'text', field: 'omraade_kode' },
        { header: 'Område', type: 'text', field: 'omraade_navn' },
        { header: 'Beregnet', type: 'text', value: (a) => (a.beregnet === null ? 'ikke beregnet' : a.beregnet.map((k) => kategoriNavn[k]).join(', ') || 'Ingen') },
        { header: 'Offentliggjort', type: 'text', value: (a) => a.offentliggjort.map((k) => kategoriNavn[k]).join(', ') || 'Ingen' },
        { header: 'Årsag', type: 'text', field: 'aarsag' },
      ],
    },
    list: async (q, paging, req) => {
      canRead(req, q.kommunekode);
      const st = await loadState(db, q.kommunekode);
      return { total: st.afvigelser.length, items: paging ? st.afvigelser.slice(paging.offset, paging.offset + paging.limit) : st.afvigelser };
    },
  });
}

// HTTP for imports: upload (multipart), history, progress, format documentation and templates.
import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App, AppDeps } from '../../http/server.ts';
import { accessOf } from '../../http/auth.ts';
import type { Role } from '../../http/access.ts';
import { DomainError, notFound } from '../../errors.ts';
import { listRoute } from '../../shared/list-route.ts';
import { discard, readUpload } from '../../shared/upload.ts';
import { errorSchema, idParams, intParam, formatParam } from '../../shared/query.ts';
import { formats, importKinds } from './formats.ts';
import { isIsoDate, runImport, type ImportResult } from './importer.ts';
import { getTracked, runningImports } from './progress.ts';
import { getImportJob, listImportJobs, type ImportJobItem } from './store.ts';
import { formatDoc, templateCsv, templateXlsx } from './templates.ts';

/** Who may import into the register and see the import history. */
export const importRoles: readonly Role[] = ['administrator', 'boligkontor'];
const policy = { roles: importRoles };
const tags = ['Import'];

const rowError = z.object({ line: z.number(), column: z.string().nullable(), message: z.string(), value: z.string().optional() });
const state = z.enum(['running', 'succeeded', 'failed', 'unchanged']);
const phase = z.enum(['læser', 'validerer', 'skriver', 'færdig']);

const resultSchema = z.object({
  job_id: z.number().nullable(),
  state: z.enum(['succeeded', 'failed', 'unchanged', 'preview']),
  rows_total: z.number(),
  rows_inserted: z.number(),
  rows_updated: z.number(),
  rows_unchanged: z.number(),
  error_count: z.number(),
  errors: z.array(rowError),
  message: z.string(),
  preview: z.object({ columns: z.array(z.string()), rows: z.array(z.array(z.string())) }).optional(),
}) satisfies z.ZodType<ImportResult>;

const rejectedSchema = z.object({
  error: z.object({
    code: z.literal('IMPORT_REJECTED'),
    message: z.string(),
    job_id: z.number().nullable(),
    error_count: z.number(),
    errors: z.array(rowError),
  }),
});

const jobSchema = z.object({
  id: z.number(),
  kind: z.string(),
  file_name: z.string(),
  file_hash: z.string(),
  file_size: z.number(),
  state,
  rows_total: z.number(),
  rows_inserted: z.number(),
  rows_updated: z.number(),
  rows_unchanged: z.number(),
  error_count: z.number(),
  kilde: z.string().nullable(),
  opgjort_pr: z.string().nullable(),
  created_by: z.string(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  message: z.string().nullable(),
}) satisfies z.ZodType<ImportJobItem>;

const progressSchema = z.object({ state, phase, rows: z.number(), total: z.number().nullable() });

const formatSchema = z.object({
  kind: z.enum(importKinds),
  title: z.string(),
  doc: z.string(),
  natural_key: z.array(z.string()),
  columns: z.array(z.object({ name: z.string(), type: z.string(), required: z.boolean(), doc: z.string(), example: z.string() })),
});

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const uploadFields = z.object({
  kind: z.string({ error: 'Vælg hvilken slags fil du importerer.' }).min(1, { error: 'Vælg hvilken slags fil du importerer.' }),
  kilde: z.preprocess(blankToUndefined, z.string().trim().max(200, { error: 'Kilden må højst være 200 tegn.' }).optional()),
  opgjort_pr: z.preprocess(
    blankToUndefined,
    z.string().refine(isIsoDate, { error: 'Opgørelsesdatoen skal være en dato som ÅÅÅÅ-MM-DD.' }).optional(),
  ),
  preview: z.preprocess(blankToUndefined, z.enum(['1', '0', 'true', 'false'], { error: 'preview skal være 1 eller 0.' }).optional()),
});


function validationError(issues: z.core.$ZodIssue[]): DomainError {
  return new DomainError('VALIDATION', 'Ugyldigt input.', {
    fields: issues.map((i) => ({ field: i.path.join('.') || 'file', message: i.message })),
  });
}

export async function importRoutes(root: App, { db, config }: AppDeps) {
  // Own context: multipart is registered for these routes only.
  await root.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>();
    await app.register(fastifyMultipart, { limits: { fileSize: config.ALMEN_UPLOAD_MAX_BYTES } });

    app.post(
      '/api/imports',
      {
        config: { policy },
        schema: {
          tags,
          summary: 'Importér en fil (multipart: file, kind, kilde?, opgjort_pr?, preview?): alt eller intet',
          consumes: ['multipart/form-data'],
          response: { 200: resultSchema, 400: errorSchema, 413: errorSchema, 415: errorSchema, 422: rejectedSchema },
        },
      },
      async (req) => {
        const upload = await readUpload(req, config.ALMEN_UPLOAD_MAX_BYTES);
        const file = upload.files.file;
        try {
          const parsed = uploadFields.safeParse(upload.fields);
          if (!parsed.success) throw validationError(parsed.error.issues);
          if (!file) throw new DomainError('VALIDATION', 'Ugyldigt input.', { fields: [{ field: 'file', message: 'Vælg en fil.' }] });
          const f = parsed.data;
          const access = accessOf(req);
          const result = await runImport(db, {
            kind: f.kind as (typeof importKinds)[number],
            fileName: file.name,
            source: { path: file.path },
            kilde: f.kilde,
            opgjortPr: f.opgjort_pr,
            preview: f.preview === '1' || f.preview === 'true',
            actor: access.actor,
            kommuner: access.kommuner(importRoles),
          });
          if (result.state === 'failed') {
            throw new DomainError('IMPORT_REJECTED', result.message, {
              job_id: result.job_id,
              error_count: result.error_count,
              errors: result.errors,
            });
          }
          return result;
        } finally {
          await discard(upload);
        }
      },
    );
  });

  listRoute(root, {
    url: '/api/imports',
    tags,
    summary: 'Importhistorik, nyeste først',
    policy,
    querystring: z.object({
      limit: intParam('Antal', 1, 500).default(50),
      offset: intParam('Start', 0, 10_000_000).default(0),
      format: formatParam,
    }),
    item: jobSchema,
    export: {
      name: 'importer',
      title: 'Importer',
      columns: [
        { header: 'Nr.', type: 'int', field: 'id' },
        { header: 'Art', type: 'text', field: 'kind' },
        { header: 'Fil', type: 'text', field: 'file_name' },
        { header: 'Status', type: 'text', field: 'state' },
        { header: 'Rækker', type: 'int', field: 'rows_total' },
        { header: 'Nye', type: 'int', field: 'rows_inserted' },
        { header: 'Ændrede', type: 'int', field: 'rows_updated' },
        { header: 'Uændrede', type: 'int', field: 'rows_unchanged' },
        { header: 'Fejl', type: 'int', field: 'error_count' },
        { header: 'Kilde', type: 'text', field: 'kilde' },
        { header: 'Opgjort pr.', type: 'date', field: 'opgjort_pr' },
        { header: 'Importeret af', type: 'text', field: 'created_by' },
        { header: 'Startet', type: 'datetime', field: 'started_at' },
        { header: 'Besked', type: 'text', field: 'message' },
      ],
    },
    list: (_q, paging) => listImportJobs(db.pool, paging ?? { limit: 1_000_000, offset: 0 }),
  });

  // Answered from memory: on PGlite a running import holds the only database connection.
  root.get(
    '/api/imports/running',
    {
      config: { policy },
      schema: {
        tags,
        summary: 'Importer, der kører nu, med fremdrift (svarer også mens databasen er optaget)',
        response: {
          200: z.object({
            items: z.array(progressSchema.extend({ job_id: z.number(), kind: z.string(), file_name: z.string() })),
            total: z.number(),
          }),
        },
      },
    },
    async () => {
      const items = runningImports().map((t) => ({ ...t, total: t.total ?? null }));
      return { items, total: items.length };
    },
  );

  root.get(
    '/api/imports/:id',
    { config: { policy }, schema: { tags, summary: 'Én import med dens fejl', params: idParams, response: { 200: jobSchema.extend({ errors: z.array(rowError) }), 404: errorSchema } } },
    async (req) => {
      const job = await getImportJob(db.pool, req.params.id);
      if (!job) throw notFound('Importen');
      return job;
    },
  );

  root.get(
    '/api/imports/:id/progress',
    { config: { policy }, schema: { tags, summary: 'Fremdrift for en import (læser, validerer, skriver, færdig)', params: idParams, response: { 200: progressSchema, 404: errorSchema } } },
    async (req) => {
      const t = getTracked(req.params.id);
      if (t) return { state: t.state, phase: t.phase, rows: t.rows, total: t.total ?? null };
      const job = await getImportJob(db.pool, req.params.id);
      if (!job) throw notFound('Importen');
      // Not in this process's memory: finished earlier, running in another instance, or cut off by a restart.
      if (job.state === 'running') return { state: job.state, phase: 'validerer' as const, rows: 0, total: null };
      return { state: job.state, phase: 'færdig' as const, rows: job.rows_total, total: job.rows_total };
    },
  );

  root.get(
    '/api/import-formats',
    { config: { policy: { public: true } }, schema: { tags, summary: 'Importformaterne: kolonner, typer, nøgler og eksempler', response: { 200: z.object({ items: z.array(formatSchema), total: z.number() }) } } },
    async () => {
      const items = importKinds.map((k) => formatDoc(formats[k]));
      return { items, total: items.length };
    },
  );

  const kindParams = z.object({ kind: z.enum(importKinds, { error: `Ukendt importtype. Gyldige typer: ${importKinds.join(', ')}.` }) });
  root.get(
    '/api/import-formats/:kind/template.csv',
    { config: { policy: { public: true } }, schema: { tags, summary: 'Skabelon som CSV (semikolon, decimalkomma, UTF-8 med BOM)', params: kindParams } },
    async (req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${req.params.kind}.csv"`)
        .send(templateCsv(req.params.kind)),
  );
  root.get(
    '/api/import-formats/:kind/template.xlsx',
    { config: { policy: { public: true } }, schema: { tags, summary: 'Skabelon som Excel-ark', params: kindParams } },
    async (req, reply) =>
      reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${req.params.kind}.xlsx"`)
        .send(await templateXlsx(req.params.kind)),
  );
}

// Applicants for kommunal anvisning: the only routes with personal data. Role boliganvisning only;
// every read is logged; the CPR number is masked unless revealed, which is logged too.
import { z } from 'zod';
import type { App, AppDeps } from '../../http/server.ts';
import { accessOf } from '../../http/auth.ts';
import { DomainError } from '../../errors.ts';
import { errorSchema, idParams, kommunekodeParam } from '../../shared/query.ts';
import { closeAnsoeger, createAnsoeger, getAnsoeger, listAnsoegere, logRead, present } from './personal.ts';
import { addJournal, readJournal, readSag, sagSchema, saveSag } from './sag.ts';

const tags = ['Anvisning'];
const policy = { roles: ['anvisning'] as const };
const item = z.object({
  id: z.number(),
  kommunekode: z.string(),
  cpr: z.string().nullable(),
  navn: z.string().nullable(),
  telefon: z.string().nullable(),
  email: z.string().nullable(),
  maalgruppe: z.string(),
  status: z.enum(['aaben', 'lukket']),
  oprettet: z.string(),
  lukket: z.string().nullable(),
  anonymiseret: z.boolean(),
  prioritet: z.number(),
  ansoegt_dato: z.string(),
});
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

export async function ansoegerRoutes(app: App, { db, keyring }: AppDeps) {
  const kommuner = (req: Parameters<typeof accessOf>[0]) => accessOf(req).kommuner(['anvisning']);

  app.get(
    '/api/ansoegere',
    {
      config: { policy },
      schema: {
        tags,
        summary: 'Ansøgere til kommunal anvisning (CPR maskeret; læsningen logges)',
        querystring: z.object({ kommunekode: kommunekodeParam.optional(), status: z.enum(['aaben', 'lukket'], { error: 'Status skal være aaben eller lukket.' }).optional() }),
        response: { 200: z.object({ items: z.array(item), total: z.number() }), ...errors },
      },
    },
    async (req) => {
      const mine = kommuner(req);
      const scope = req.query.kommunekode ? mine.filter((k) => k === req.query.kommunekode) : mine;
      const rows = await listAnsoegere(db, scope, req.query.status);
      if (rows.length) await logRead(db, accessOf(req).actor, 'laes', rows);
      return { items: rows.map((r) => present(keyring, r)), total: rows.length };
    },
  );

  app.get('/api/ansoegere/:id', { config: { policy }, schema: { tags, summary: 'En ansøger (CPR maskeret; læsningen logges)', params: idParams, response: { 200: item, ...errors } } }, async (req) => {
    const row = await getAnsoeger(db, kommuner(req), req.params.id);
    await logRead(db, accessOf(req).actor, 'laes', [row]);
    return present(keyring, row);
  });

  app.post('/api/ansoegere/:id/vis-cpr', { config: { policy }, schema: { tags, summary: 'Vis det fulde CPR-nummer (logges)', params: idParams, response: { 200: item, ...errors } } }, async (req) => {
    const row = await getAnsoeger(db, kommuner(req), req.params.id);
    await logRead(db, accessOf(req).actor, 'vis-cpr', [row]);
    return present(keyring, row, true);
  });

  app.post(
    '/api/ansoegere',
    {
      config: { policy },
      schema: {
        tags,
        summary: 'Opret en ansøger',
        body: z.object({
          kommunekode: kommunekodeParam,
          cpr: z.string().trim().max(20),
          navn: z.string().trim().min(1, { error: 'Skriv ansøgerens navn.' }).max(200),
          telefon: z.string().trim().max(40).nullable().default(null),
          email: z.string().trim().max(200).nullable().default(null),
          maalgruppe: z.string().trim().min(1, { error: 'Vælg en målgruppe.' }).max(100),
        }),
        response: { 201: item, ...errors },
      },
    },
    async (req, reply) => {
      if (!kommuner(req).includes(req.body.kommunekode)) throw new DomainError('FORBIDDEN', `Du kan ikke oprette ansøgere i kommune ${req.body.kommunekode}.`);
      const row = await createAnsoeger(db, keyring, accessOf(req).actor, req.body);
      return reply.code(201).send(present(keyring, row));
    },
  );

  app.get(
    '/api/ansoegere/:id/sag',
    { config: { policy }, schema: { tags, summary: 'Sagens oplysninger: husstand, ydelser måned for måned, indkomst, behov (læsningen logges)', params: idParams, response: { 200: z.unknown(), ...errors } } },
    async (req) => {
      const row = await getAnsoeger(db, kommuner(req), req.params.id);
      await logRead(db, accessOf(req).actor, 'laes-sag', [row]);
      return { sag: await readSag(db, keyring, kommuner(req), req.params.id) };
    },
  );

  app.put(
    '/api/ansoegere/:id/sag',
    { config: { policy }, schema: { tags, summary: 'Gem sagens oplysninger (krypteret; kun feltnavne i loggen)', params: idParams, body: sagSchema, response: { 200: z.unknown(), ...errors } } },
    async (req) => {
      await saveSag(db, keyring, accessOf(req).actor, kommuner(req), req.params.id, req.body);
      return { sag: await readSag(db, keyring, kommuner(req), req.params.id) };
    },
  );

  const journalItem = z.object({ id: z.number(), at: z.string(), af: z.string(), haendelse: z.string(), tekst: z.string().nullable() });
  app.get(
    '/api/ansoegere/:id/journal',
    { config: { policy }, schema: { tags, summary: 'Sagens journal, nyeste først (læsningen logges)', params: idParams, response: { 200: z.object({ items: z.array(journalItem) }), ...errors } } },
    async (req) => {
      const row = await getAnsoeger(db, kommuner(req), req.params.id);
      await logRead(db, accessOf(req).actor, 'laes-journal', [row]);
      return { items: await readJournal(db, keyring, kommuner(req), req.params.id) };
    },
  );

  app.post(
    '/api/ansoegere/:id/journal',
    {
      config: { policy },
      schema: {
        tags,
        summary: 'Skriv i sagens journal',
        params: idParams,
        body: z.object({ haendelse: z.string().trim().min(1, { error: 'Skriv hvad der skete.' }).max(80), tekst: z.string().trim().max(10000).nullable().default(null) }),
        response: { 201: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (req, reply) => {
      await addJournal(db, keyring, accessOf(req).actor, kommuner(req), req.params.id, req.body);
      return reply.code(201).send({ ok: true as const });
    },
  );

  app.post('/api/ansoegere/:id/luk', { config: { policy }, schema: { tags, summary: 'Luk sagen (personoplysningerne slettes efter opbevaringsperioden)', params: idParams, response: { 200: item, ...errors } } }, async (req) => {
    return present(keyring, await closeAnsoeger(db, accessOf(req).actor, kommuner(req), req.params.id));
  });
}

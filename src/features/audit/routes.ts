// The audit log for administrators: search and export. There is no route that changes it.
import { z } from 'zod';
import type { App, AppDeps } from '../../http/server.ts';
import { accessOf } from '../../http/auth.ts';
import { listRoute } from '../../shared/list-route.ts';
import { formatParam, intParam, MAX_LIMIT } from '../../shared/query.ts';
import { searchAudit, type AuditRow } from './audit.ts';

/** A calendar date that exists (2024-02-30 does not; PostgreSQL would refuse it with an error). */
const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return Number(s.slice(0, 4)) >= 1 && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Datoen skal have formen ÅÅÅÅ-MM-DD.' })
  .refine(isRealDate, { error: 'Datoen findes ikke.' });
const text = z.string().trim().max(100);

const item = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  user_id: z.number().nullable(),
  session_id: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entity_id: z.string().nullable(),
  kommunekode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  detail: z.unknown(),
});

const json = (v: unknown) => (v == null ? '' : JSON.stringify(v));

export async function auditRoutes(app: App, { db }: AppDeps) {
  listRoute(app, {
    url: '/api/audit',
    tags: ['Adgang'],
    summary: 'Søg i revisionssporet (hvem gjorde hvad hvornår); kan ikke ændres',
    policy: { roles: ['administrator'] },
    querystring: z.object({
      fra: dateParam.optional(),
      til: dateParam.optional(),
      actor: text.optional(),
      action: text.optional(),
      entity: text.optional(),
      entity_id: text.optional(),
      limit: intParam('Antal', 1, MAX_LIMIT).default(100),
      offset: intParam('Start', 0, 10_000_000).default(0),
      format: formatParam,
    }),
    item,
    export: {
      name: 'revisionsspor',
      title: 'Revisionsspor',
      columns: [
        { header: 'Nr.', type: 'int', field: 'id' },
        { header: 'Tidspunkt', type: 'datetime', field: 'at' },
        { header: 'Bruger', type: 'text', field: 'actor' },
        { header: 'Handling', type: 'text', field: 'action' },
        { header: 'Emne', type: 'text', field: 'entity' },
        { header: 'Id', type: 'text', field: 'entity_id' },
        { header: 'Kommune', type: 'text', field: 'kommunekode' },
        { header: 'IP', type: 'text', field: 'ip' },
        { header: 'Før', type: 'text', value: (r: AuditRow) => json(r.before) },
        { header: 'Efter', type: 'text', value: (r: AuditRow) => json(r.after) },
        { header: 'Detaljer', type: 'text', value: (r: AuditRow) => json(r.detail) },
      ],
    },
    list: async (q, paging, req) => {
      const kommuner = accessOf(req).kommuner(['administrator']);
      const page = paging ?? { limit: 1_000_000, offset: 0 };
      return searchAudit(db.pool, { ...q, kommuner, limit: page.limit, offset: page.offset });
    },
  });
}

// One generic list route: validate -> one store call -> present -> JSON page or CSV/xlsx/PDF download.
// Every list endpoint is declared through listRoute, so filters, sort and suppression are the same in
// the JSON answer and in the export.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App } from '../http/server.ts';
import type { Policy } from '../http/access.ts';
import { collect } from './list.ts';
import { errorSchema, type Paging } from './query.ts';
import { contentTypes, exportFormats, sendExport, type ExportFormat, type ExportSpec } from '../features/exports/export.ts';

export interface ListResult<T> {
  total: number;
  /** Presented items, in order; a stream of them for large exports. */
  items: Iterable<T> | AsyncIterable<T>;
}

export interface ListRouteDef<Q extends z.ZodObject, Item> {
  url: string;
  tags: string[];
  summary: string;
  policy: Policy;
  querystring: Q;
  item: z.ZodType<Item>;
  export: ExportSpec<Item>;
  /** Loads and presents the items matching the query; paging null means every item (exports). */
  list: (query: z.output<Q>, paging: Paging | null, req: FastifyRequest) => Promise<ListResult<Item>>;
}

export function listRoute<Q extends z.ZodObject, Item>(app: App, def: ListRouteDef<Q, Item>) {
  const page = z.object({ items: z.array(def.item), total: z.number().int() });
  app.get(
    def.url,
    {
      config: { policy: def.policy },
      schema: {
        tags: def.tags,
        summary: def.summary,
        querystring: def.querystring,
        response: {
          200: {
            description: 'En side af listen som JSON, eller hele listen som CSV, xlsx eller PDF (format=csv|xlsx|pdf).',
            content: {
              'application/json': { schema: page },
              ...Object.fromEntries(exportFormats.map((f) => [contentTypes[f], { schema: z.string() }])),
            },
          },
          400: errorSchema,
        },
      },
    },
    async (req, reply) => {
      const q = req.query as z.output<Q> & { format?: 'json' | ExportFormat; limit?: number; offset?: number; kommunekode?: string };
      const format = q.format ?? 'json';
      if (format === 'json') {
        const paging = q.limit !== undefined ? { limit: q.limit, offset: q.offset ?? 0 } : null;
        const res = await def.list(q, paging, req);
        return reply.type('application/json; charset=utf-8').send({ items: await collect(res.items), total: res.total });
      }
      const res = await def.list(q, null, req);
      return sendExport(reply, format, def.export, res.items, {
        kommunekode: q.kommunekode,
        total: res.total,
        filters: describeQuery(q, def.querystring, def.export),
      });
    },
  );
}

/** Danish names of the lists' query parameters; another is named by its description in the schema, or its name. */
const paramLabels: Record<string, string> = {
  kommunekode: 'Kommune',
  q: 'Søgning',
  boligorganisation_id: 'Boligorganisation (id)',
  boligomraade_id: 'Boligområde (id)',
  afdeling_id: 'Afdeling (id)',
  opfoert_fra: 'Opført fra',
  opfoert_til: 'Opført til',
  boligtype: 'Boligtype',
  status: 'Status',
  enhed: 'Enhed',
  aar: 'År',
  fra: 'Fra',
  til: 'Til',
  actor: 'Bruger',
  action: 'Handling',
  entity: 'Emne',
  entity_id: 'Emnets id',
};
const notFilters = new Set(['format', 'limit', 'offset', 'sort', 'order']);

/**
 * What an export holds, in Danish, for the PDF and the xlsx: the filters given and the order, e.g.
 * ["Kommune: 0101", "Søgning: gården", "Sorteret efter Opførelsesår, faldende"].
 */
export function describeQuery<T>(query: Record<string, unknown>, schema: z.ZodObject, spec: ExportSpec<T>): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (notFilters.has(key) || value == null || value === '') continue;
    const field = schema.shape[key] as (z.ZodType & { unwrap?: () => z.ZodType }) | undefined;
    const label = paramLabels[key] ?? field?.description ?? field?.unwrap?.().description ?? key[0].toUpperCase() + key.slice(1).replace(/_/g, ' ');
    lines.push(`${label}: ${String(value)}`);
  }
  if (typeof query.sort === 'string' && query.sort) {
    const header = spec.columns.find((c) => c.field === query.sort)?.header ?? query.sort;
    lines.push(`Sorteret efter ${header}, ${query.order === 'desc' ? 'faldende' : 'stigende'}`);
  }
  return lines;
}

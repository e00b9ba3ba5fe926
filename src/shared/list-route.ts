// One generic list route: validate -> one store call -> present -> JSON page or CSV/xlsx download.
// Every list endpoint is declared through listRoute, so filters, sort and suppression are the same in
// the JSON answer and in the export.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App } from '../http/server.ts';
import type { Policy } from '../http/access.ts';
import { collect } from './list.ts';
import { errorSchema, type Paging } from './query.ts';
import { contentTypes, sendExport, type ExportSpec } from '../features/exports/export.ts';

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
            description: 'En side af listen som JSON, eller hele listen som CSV eller xlsx (format=csv|xlsx).',
            content: {
              'application/json': { schema: page },
              [contentTypes.csv]: { schema: z.string() },
              [contentTypes.xlsx]: { schema: z.string() },
            },
          },
          400: errorSchema,
        },
      },
    },
    async (req, reply) => {
      const q = req.query as z.output<Q> & { format?: 'json' | 'csv' | 'xlsx'; limit?: number; offset?: number; kommunekode?: string };
      const format = q.format ?? 'json';
      if (format === 'json') {
        const paging = q.limit !== undefined ? { limit: q.limit, offset: q.offset ?? 0 } : null;
        const res = await def.list(q, paging, req);
        return reply.type('application/json; charset=utf-8').send({ items: await collect(res.items), total: res.total });
      }
      const res = await def.list(q, null, req);
      return sendExport(reply, format, def.export, res.items, { kommunekode: q.kommunekode, total: res.total });
    },
  );
}

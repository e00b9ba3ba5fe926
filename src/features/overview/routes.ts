// GET /api/overview: what a municipal fact sheet answers (docs/api-contract.md).
import type { App, AppDeps } from '../../http/server.ts';
import { accessOf } from '../../http/auth.ts';
import { registerRoles } from '../../http/access.ts';
import { notFound } from '../../errors.ts';
import { errorResponses } from '../../shared/query.ts';
import { rulesFromConfig } from '../../shared/suppression.ts';
import { overviewQuery, overviewSchema } from './schema.ts';
import { loadOverview } from './store.ts';
import { presentOverview } from './present.ts';

export async function overviewRoutes(app: App, { db, config }: AppDeps) {
  const rules = rulesFromConfig(config);
  app.get(
    '/api/overview',
    {
      config: { policy: { roles: registerRoles } },
      schema: {
        tags: ['Overblik'],
        summary: 'Kommunens overblik over de almene boliger',
        querystring: overviewQuery,
        response: { 200: overviewSchema, ...errorResponses },
      },
    },
    async (req) => {
      // A municipality outside the user's own is answered as unknown.
      if (!accessOf(req).has(registerRoles, req.query.kommunekode)) throw notFound('Kommunen');
      const data = await loadOverview(db, req.query.kommunekode);
      if (!data) throw notFound('Kommunen');
      return presentOverview(data, rules);
    },
  );
}

// The register over HTTP (docs/api-contract.md): validate -> one store call -> present.
import type { App, AppDeps } from '../../http/server.ts';
import { accessOf } from '../../http/auth.ts';
import { registerRoles, roles, type Role } from '../../http/access.ts';
import { notFound } from '../../errors.ts';
import { listRoute } from '../../shared/list-route.ts';
import { daCollator, inBatches, page, sortedPage, sortRows } from '../../shared/list.ts';
import { errorResponses, idParams } from '../../shared/query.ts';
import { rulesFromConfig } from '../../shared/suppression.ts';
import * as store from './store.ts';
import * as s from './schema.ts';
import {
  latestByUnit,
  presentAfdeling,
  presentBolig,
  presentBoligomraade,
  presentBoligorganisation,
  presentKommune,
  presentNoegletal,
} from './present.ts';
import { afdelingExport, boligExport, boligomraadeExport, boligorganisationExport, kommuneExport, noegletalExport } from './columns.ts';
import type { NoegletalItem } from './schema.ts';

const tags = ['Register'];
// Who reads what (issue 3): everyone with a role reads the register within their scope; individual
// dwellings are not for readers of aggregates; boligområder are the municipality's, not an organisation's.
const everyRole = { roles };
const policies = {
  register: everyRole,
  boligomraader: { roles: registerRoles },
  boliger: { roles: ['administrator', 'boligkontor', 'anvisning', 'boligorganisation'] as readonly Role[] },
};
const scopeOf = (req: Parameters<typeof accessOf>[0]) => accessOf(req).registerScope();
const byId = (i: { id: number }) => i.id;
/** A detail page's afdelinger, by number. */
const byNumber = <T extends { afdelingsnummer: number; id: number }>(items: T[]) => sortRows(items, (a) => a.afdelingsnummer, 'asc', byId);

/** Key figures by unit (afdelinger first), Danish name order, then year. */
function noegletalOrder(a: NoegletalItem, b: NoegletalItem): number {
  return a.enhed.localeCompare(b.enhed) || daCollator.compare(a.enhed_navn, b.enhed_navn) || a.enhed_id - b.enhed_id || a.aar - b.aar;
}

export async function registerRoutes(app: App, { db, config }: AppDeps) {
  const rules = rulesFromConfig(config);

  listRoute(app, {
    url: '/api/kommuner',
    policy: everyRole,
    tags,
    summary: 'Kommuner med antal afdelinger og almene boliger',
    querystring: s.kommunerQuery,
    item: s.kommuneItem,
    export: kommuneExport,
    list: async (_q, _paging, req) => sortedPage((await store.listKommuner(db, accessOf(req).kommuner(roles))).map(presentKommune), (k) => k.navn, 'asc', (k) => Number(k.kode), null),
  });

  listRoute(app, {
    url: '/api/boligorganisationer',
    policy: policies.register,
    tags,
    summary: 'Boligorganisationer; med kommunekode dem med hjemsted eller afdelinger i kommunen (tal for kommunen)',
    querystring: s.boligorganisationerQuery,
    item: s.boligorganisationItem,
    export: boligorganisationExport,
    list: async (q, paging, req) =>
      sortedPage((await store.listBoligorganisationer(db, { ...q, scope: scopeOf(req) })).map(presentBoligorganisation), (i) => i[q.sort], q.order, byId, paging),
  });

  app.get(
    '/api/boligorganisationer/:id',
    { config: { policy: policies.register }, schema: { tags, summary: 'En boligorganisation med dens afdelinger', params: idParams, response: { 200: s.boligorganisationDetail, ...errorResponses } } },
    async (req) => {
      const found = await store.boligorganisationWithAfdelinger(db, scopeOf(req), req.params.id);
      if (!found) throw notFound('Boligorganisationen');
      return { ...presentBoligorganisation(found.org), afdelinger: byNumber(found.afdelinger.map(presentAfdeling)) };
    },
  );

  listRoute(app, {
    url: '/api/afdelinger',
    policy: policies.register,
    tags,
    summary: 'Afdelinger',
    querystring: s.afdelingerQuery,
    item: s.afdelingItem,
    export: afdelingExport,
    list: async (q, paging, req) => sortedPage((await store.listAfdelinger(db, { ...q, scope: scopeOf(req) })).map(presentAfdeling), (i) => i[q.sort], q.order, byId, paging),
  });

  app.get(
    '/api/afdelinger/:id',
    { config: { policy: policies.register }, schema: { tags, summary: 'En afdeling med nøgletal pr. år', params: idParams, response: { 200: s.afdelingDetail, ...errorResponses } } },
    async (req) => {
      const found = await store.afdelingWithNoegletal(db, scopeOf(req), req.params.id);
      if (!found) throw notFound('Afdelingen');
      const noegletal = presentNoegletal(found.noegletal, rules, (r) => r.enhed_id === req.params.id).sort((a, b) => a.aar - b.aar);
      return { ...presentAfdeling(found.afdeling), noegletal };
    },
  );

  listRoute(app, {
    url: '/api/boligomraader',
    policy: policies.boligomraader,
    tags,
    summary: 'Boligområder med beboere i seneste år',
    querystring: s.boligomraaderQuery,
    item: s.boligomraadeItem,
    export: boligomraadeExport,
    list: async (q, paging, req) => {
      const { rows, noegletal } = await store.boligomraaderWithNoegletal(db, { ...q, scope: scopeOf(req) });
      const latest = latestByUnit(presentNoegletal(noegletal, rules));
      return sortedPage(rows.map((r) => presentBoligomraade(r, latest.get(r.id))), (i) => i[q.sort], q.order, byId, paging);
    },
  });

  app.get(
    '/api/boligomraader/:id',
    {
      config: { policy: policies.boligomraader }, schema: { tags, summary: 'Et boligområde med afdelinger og nøgletal', params: idParams, response: { 200: s.boligomraadeDetail, ...errorResponses } },
    },
    async (req) => {
      const found = await store.boligomraadeDetail(db, scopeOf(req), req.params.id);
      if (!found) throw notFound('Boligområdet');
      const noegletal = presentNoegletal(found.noegletal, rules).sort((a, b) => a.aar - b.aar);
      return {
        ...presentBoligomraade(found.omraade, latestByUnit(noegletal).get(found.omraade.id)),
        afdelinger: sortRows(found.afdelinger.map(presentAfdeling), (a) => a.navn, 'asc', byId),
        noegletal,
      };
    },
  );

  listRoute(app, {
    url: '/api/boliger',
    policy: policies.boliger,
    tags,
    summary: 'Boliger (lejemål); eksporten er ikke begrænset af limit',
    querystring: s.boligerQuery,
    item: s.boligItem,
    export: boligExport,
    list: async (q, paging, req) => {
      const ids = sortRows(await store.boligSortKeys(db, { ...q, scope: scopeOf(req) }, q.sort), (k) => k.k, q.order, byId).map(byId);
      const load = async (chunk: number[]) => (await store.boligerByIds(db, chunk)).map(presentBolig);
      return { total: ids.length, items: paging ? await load(page(ids, paging)) : inBatches(ids, 5000, load) };
    },
  });

  listRoute(app, {
    url: '/api/noegletal',
    policy: policies.register,
    tags,
    summary: 'Nøgletal pr. afdeling eller boligområde pr. år, diskretioneret',
    querystring: s.noegletalQuery,
    item: s.noegletalItem,
    export: noegletalExport,
    list: async (q, _paging, req) => {
      const items = presentNoegletal(await store.listNoegletal(db, { ...q, scope: scopeOf(req) }), rules).sort(noegletalOrder);
      return { items, total: items.length };
    },
  });
}

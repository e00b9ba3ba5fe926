import { it, expect, beforeAll } from 'vitest';
import { describeDb } from '../../../tests/db.ts';
import { tx } from '../../db/index.ts';
import { searchAudit } from './audit.ts';

const K = '0101';
const actor = 'tidszone-test';

describeDb('audit search by Danish days', (ctx) => {
  // Each side of Danish midnight, in winter (UTC+1) and summer (UTC+2).
  const times = ['2026-12-01T22:59:59.999Z', '2026-12-01T23:00:00.000Z', '2026-12-02T22:59:59.999Z', '2026-12-02T23:00:00.000Z', '2026-07-01T21:59:59.999Z', '2026-07-01T22:00:00.000Z'];

  beforeAll(async () => {
    for (const at of times) {
      await ctx.db.pool.query('INSERT INTO audit_event (at, actor, action, entity, kommunekode) VALUES ($1, $2, $3, $4, $5)', [at, actor, 'test', 'tid', K]);
    }
  });

  const search = (fra: string, til: string, zone: string) =>
    tx(ctx.db, async (c) => {
      await c.query(`SET LOCAL TimeZone = '${zone}'`);
      const { items } = await searchAudit(c, { fra, til, actor, kommuner: [K], limit: 100, offset: 0 });
      return items.map((i) => i.at).sort();
    });

  it('fra and til are days in Denmark, whatever the session time zone', async () => {
    for (const zone of ['UTC', 'Europe/Copenhagen', 'Pacific/Chatham', 'America/Los_Angeles']) {
      expect(await search('2026-12-02', '2026-12-02', zone), zone).toEqual(['2026-12-01T23:00:00.000Z', '2026-12-02T22:59:59.999Z']);
      expect(await search('2026-07-02', '2026-07-02', zone), zone).toEqual(['2026-07-01T22:00:00.000Z']);
      expect(await search('2026-07-01', '2026-12-01', zone), zone).toEqual(['2026-07-01T21:59:59.999Z', '2026-07-01T22:00:00.000Z', '2026-12-01T22:59:59.999Z']);
    }
  });
});

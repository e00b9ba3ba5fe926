// Input that used to reach PostgreSQL and end as a 500 (found by tests/fuzz.test.ts): NUL characters
// anywhere in a request, and dates of the right form that do not exist.
import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeDb } from '../../tests/db.ts';
import { buildTestApp, grant, sessionFor, type AuthHeaders } from '../../tests/app.ts';
import type { App } from './server.ts';
import { findNul } from './input.ts';

const K = '0101';

it('finds a NUL in any string or key, however deep', () => {
  expect(findNul({ a: [1, { b: 'x' }] }, 'body')).toBeNull();
  expect(findNul({ a: [1, { b: 'x\u0000' }] }, 'body')).toBe('body.a.1.b');
  expect(findNul({ ['k\u0000']: 1 }, 'querystring')).toBe('querystring.k\u0000');
  let deep: unknown = 'end\u0000';
  for (let i = 0; i < 20_000; i++) deep = [deep];
  expect(findNul(deep, 'body')).toMatch(/^body(\.0)+$/);
});

describeDb('malformed input is refused with 400, not 500', (ctx) => {
  let app: App;
  let h: AuthHeaders;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
    h = await sessionFor(app, ctx.db, [grant('administrator', K), grant('anvisning', K)]);
  });
  afterAll(() => app?.close());

  it('refuses a NUL character in a query, a path or a body, naming the field in Danish', async () => {
    for (const url of ['/api/afdelinger?q=%00', '/api/boliger?q=a%00b', '/api/audit?actor=%00', '/api/audit?entity_id=x%00']) {
      const res = await app.inject({ method: 'GET', url, headers: h });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.fields[0]).toMatchObject({ field: expect.stringMatching(/^querystring\./), message: expect.stringMatching(/NUL/) });
    }
    const before = (await ctx.db.pool.query('SELECT count(*)::int AS n FROM ansoeger')).rows[0].n;
    const res = await app.inject({
      method: 'POST',
      url: '/api/ansoegere',
      headers: h,
      payload: { kommunekode: K, cpr: '010190-1234', navn: 'Test', maalgruppe: 'hjem\u0000løse' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ field: 'body.maalgruppe', message: 'Teksten må ikke indeholde tegnet NUL (\\0).' }]);
    expect((await ctx.db.pool.query('SELECT count(*)::int AS n FROM ansoeger')).rows[0].n).toBe(before);
  });

  it('refuses an audit search from a date that does not exist', async () => {
    for (const d of ['2024-02-30', '2023-02-29', '2024-13-01', '0000-01-01']) {
      const res = await app.inject({ method: 'GET', url: `/api/audit?fra=${d}&til=${d}`, headers: h });
      expect(res.statusCode, d).toBe(400);
      expect(res.json().error.fields.map((f: { message: string }) => f.message)).toEqual(['Datoen findes ikke.', 'Datoen findes ikke.']);
    }
    expect((await app.inject({ method: 'GET', url: '/api/audit?fra=2024-02-29&til=2024-02-29', headers: h })).statusCode).toBe(200);
  });
});

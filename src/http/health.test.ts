import { it, expect } from 'vitest';
import { describeDb } from '../../tests/db.ts';
import { buildTestApp } from '../../tests/app.ts';

describeDb('health', (ctx) => {
  it('answers ok once the database is ready', async () => {
    const app = await buildTestApp(ctx.db);
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    const kommuner = await ctx.db.pool.query('SELECT count(*)::int AS n FROM kommune');
    expect(kommuner.rows[0].n).toBe(98);
    await app.close();
  });
  it('answers unknown API paths with a Danish 404', async () => {
    const app = await buildTestApp(ctx.db);
    const res = await app.inject({ method: 'GET', url: '/api/findes-ikke' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    await app.close();
  });
});

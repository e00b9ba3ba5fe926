import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { tx } from './index.ts';
import { parseTimestamptz } from './timestamp.ts';
import { describeDb } from '../../tests/db.ts';

describe('parseTimestamptz', () => {
  it('reads the offset PostgreSQL writes, whatever the session time zone', () => {
    expect(parseTimestamptz('2026-12-02 07:17:37.123456+00')).toBe('2026-12-02T07:17:37.123Z');
    expect(parseTimestamptz('2026-12-02 08:17:37.123456+01')).toBe('2026-12-02T07:17:37.123Z');
    expect(parseTimestamptz('2026-07-02 09:17:37+02')).toBe('2026-07-02T07:17:37.000Z');
    expect(parseTimestamptz('2026-12-02 03:47:37.1-03:30')).toBe('2026-12-02T07:17:37.100Z');
    expect(parseTimestamptz('2026-12-02 13:02:37.12+05:45')).toBe('2026-12-02T07:17:37.120Z');
    expect(parseTimestamptz('2026-12-02 20:17:37+13')).toBe('2026-12-02T07:17:37.000Z');
  });
  it('cuts microseconds to milliseconds, never rounding into the next second', () => {
    expect(parseTimestamptz('2026-12-31 23:59:59.999999+00')).toBe('2026-12-31T23:59:59.999Z');
    expect(parseTimestamptz('2026-12-02 07:17:37.000999+00')).toBe('2026-12-02T07:17:37.000Z');
  });
  it('crosses midnight, month and year with the offset', () => {
    expect(parseTimestamptz('2027-01-01 00:30:00+01')).toBe('2026-12-31T23:30:00.000Z');
    expect(parseTimestamptz('2024-02-29 23:00:00-02')).toBe('2024-03-01T01:00:00.000Z');
  });
  it('reads dates before 1970, local mean time offsets with seconds, BC and far-future years', () => {
    expect(parseTimestamptz('1969-12-31 23:59:59.5+00')).toBe('1969-12-31T23:59:59.500Z');
    expect(parseTimestamptz('1900-01-01 01:00:00+01')).toBe('1900-01-01T00:00:00.000Z');
    expect(parseTimestamptz('1850-01-01 00:50:20+00:50:20')).toBe('1850-01-01T00:00:00.000Z');
    expect(parseTimestamptz('0044-03-15 12:00:00+00 BC')).toBe('-000043-03-15T12:00:00.000Z');
    expect(parseTimestamptz('0001-01-01 00:00:00+00')).toBe('0001-01-01T00:00:00.000Z');
    expect(parseTimestamptz('9999-12-31 23:59:59.999999+00')).toBe('9999-12-31T23:59:59.999Z');
    expect(parseTimestamptz('12026-12-02 07:17:37+00')).toBe('+012026-12-02T07:17:37.000Z');
  });
  it('leaves infinity as written and refuses text that is not ISO DateStyle', () => {
    expect(parseTimestamptz('infinity')).toBe('infinity');
    expect(parseTimestamptz('-infinity')).toBe('-infinity');
    expect(() => parseTimestamptz('12/02/2026 07:17:37.123 UTC')).toThrow(/DateStyle/);
    expect(() => parseTimestamptz('294276-12-31 23:59:59+00')).toThrow(/uden for/);
  });
  it('gives the same instant as Date for any time and offset', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: -15 * 60, max: 15 * 60 }),
        (d, micros, offsetMin) => {
          const local = new Date(d.getTime() + offsetMin * 60_000).toISOString(); // wall clock at that offset
          const abs = Math.abs(offsetMin);
          const offset = `${offsetMin < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}${abs % 60 ? ':' + two(abs % 60) : ''}`;
          const text = `${local.slice(0, 10)} ${local.slice(11, 23)}${String(micros).padStart(3, '0')}${offset}`;
          expect(parseTimestamptz(text)).toBe(d.toISOString());
        },
      ),
    );
  });
});

describeDb('timestamptz from the database', (ctx) => {
  const zones = ['UTC', 'Europe/Copenhagen', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Chatham'];
  it('comes back as the same ISO string in UTC under any session time zone', async () => {
    for (const zone of zones) {
      const row = await tx(ctx.db, async (c) => {
        await c.query(`SET LOCAL TimeZone = '${zone}'`);
        return (
          await c.query(`SELECT '2026-12-02 07:17:37.123456+00'::timestamptz AS winter, '2026-07-02 07:17:37.9+00'::timestamptz AS summer,
                                '1950-01-01 00:00:00+00'::timestamptz AS old, NULL::timestamptz AS none, 'infinity'::timestamptz AS inf`)
        ).rows[0];
      });
      expect(row, zone).toEqual({ winter: '2026-12-02T07:17:37.123Z', summer: '2026-07-02T07:17:37.900Z', old: '1950-01-01T00:00:00.000Z', none: null, inf: 'infinity' });
    }
  });
  it('round-trips: the ISO string written back is the same instant', async () => {
    const { rows } = await ctx.db.pool.query(`SELECT $1::timestamptz = '2026-12-02 08:17:37.123+01'::timestamptz AS same, $1::timestamptz AS t`, ['2026-12-02T07:17:37.123Z']);
    expect(rows[0]).toEqual({ same: true, t: '2026-12-02T07:17:37.123Z' });
  });
  it('leaves a timestamp without time zone as PostgreSQL writes it, never shifted by the server', async () => {
    const { rows } = await ctx.db.pool.query(`SELECT '2026-12-02 07:17:37.5'::timestamp AS t`);
    expect(rows[0].t).toBe('2026-12-02 07:17:37.5');
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importKinds } from '../src/features/imports/formats.ts';
import { municipalities } from '../src/features/register/reference.ts';
import { consistencyProblems, formatProblems, readImportFiles } from './check.ts';
import { writeNationalFiles, type NationalCounts } from './national.ts';

const tmp = mkdtempSync(join(tmpdir(), 'almen-national-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const hashes = (dir: string) => importKinds.map((k) => createHash('sha256').update(readFileSync(join(dir, `${k}.csv`))).digest('hex'));

describe('writeNationalFiles at scale 0.05', () => {
  let counts: NationalCounts;
  let rows: ReturnType<typeof readImportFiles>;
  beforeAll(() => {
    counts = writeNationalFiles(join(tmp, 'small'), { seed: 1, scale: 0.05 });
    rows = readImportFiles(join(tmp, 'small'));
  });

  it('covers all 98 real municipalities with their real codes', () => {
    const codes = new Set(municipalities.map((m) => m.kommunekode));
    expect(codes.size).toBe(98);
    expect(new Set(rows.afdelinger.map((r) => r.kommunekode))).toEqual(codes);
    expect(new Set(rows.boligmasse.map((r) => r.kommunekode))).toEqual(codes);
  });

  it('scales the national totals and keeps the calibrated proportions', () => {
    expect(counts.boliger).toBe(Math.round(592959 * 0.05));
    expect(rows.boliger.length).toBe(counts.boliger);
    expect(counts.familieAndelPct).toBeGreaterThan(85.5);
    expect(counts.familieAndelPct).toBeLessThan(88.5);
    expect(counts.almenAndelPct).toBeCloseTo(20.2, 0);
    expect(counts.hovedstadenAndelPct).toBeCloseTo(37, 0);
    expect(Math.abs(counts.gnsArealM2 - 75.9)).toBeLessThan(2);
    expect(Math.abs(counts.gnsVaerelser - 2.7)).toBeLessThan(0.1);
    expect(counts.stoersteKommune.kode).toBe('0101');
    expect(counts.noegletalAfdeling).toBe(5 * counts.afdelinger);
    expect(counts.boligomraader).toBeGreaterThan(0);
  });

  it('writes only valid rows per formats.ts', () => {
    for (const kind of importKinds) expect(formatProblems(kind, rows[kind]).slice(0, 5), kind).toEqual([]);
  });

  it('is consistent across files', () => {
    expect(consistencyProblems(rows).slice(0, 5)).toEqual([]);
  });

  it('gives organisations numbers that are unique across the country', () => {
    const nrs = rows.boligorganisationer.map((r) => r.org_lbf_nr);
    expect(new Set(nrs).size).toBe(nrs.length);
  });
});

describe('writeNationalFiles: determinism and arguments', () => {
  it('writes identical files for the same seed and different ones for another', () => {
    writeNationalFiles(join(tmp, 'a'), { seed: 7, scale: 0.02 });
    writeNationalFiles(join(tmp, 'b'), { seed: 7, scale: 0.02 });
    writeNationalFiles(join(tmp, 'c'), { seed: 8, scale: 0.02 });
    expect(hashes(join(tmp, 'a'))).toEqual(hashes(join(tmp, 'b')));
    expect(hashes(join(tmp, 'a'))[1]).not.toEqual(hashes(join(tmp, 'c'))[1]);
  });

  it('refuses a scale outside (0, 1]', () => {
    for (const scale of [0, -1, 1.5, Number.NaN]) expect(() => writeNationalFiles(join(tmp, 'x'), { scale })).toThrow(RangeError);
  });
});

describe('writeNationalFiles at full scale', () => {
  it('writes the country: 592,959 dwellings in ~7,500 afdelinger, København the largest with 60,000', () => {
    const dir = join(tmp, 'full');
    const c = writeNationalFiles(dir, { seed: 1 });
    console.log(`nationale filer: ${c.boliger} boliger, ${c.afdelinger} afdelinger på ${c.ms} ms`);
    expect(c.kommuner).toBe(98);
    expect(c.boliger).toBe(592959);
    expect(c.afdelinger).toBeGreaterThan(7000);
    expect(c.afdelinger).toBeLessThan(8000);
    expect(c.boligorganisationer).toBeGreaterThan(400);
    expect(c.boligorganisationer).toBeLessThan(700);
    expect(c.boligomraader).toBe(198);
    expect(c.noegletalAfdeling).toBe(5 * c.afdelinger);
    expect(c.stoersteKommune).toEqual({ kode: '0101', navn: 'København', boliger: 60000 });
    expect(c.beboere2024).toBeGreaterThan(900_000);
    expect(c.beboere2024).toBeLessThan(1_150_000);
    expect(Math.abs(c.familieAndelPct - 87)).toBeLessThan(1);
    expect(Math.abs(c.almenAndelPct - 20.2)).toBeLessThan(0.2);
    expect(Math.abs(c.gnsArealM2 - 75.9)).toBeLessThan(0.5);
    expect(Math.abs(c.gnsVaerelser - 2.7)).toBeLessThan(0.05);
    // Rent per m2 near the published all-almene mean for 2023 (899 kr.).
    expect(Math.abs(c.gnsHuslejePrM2 / 899 - 1)).toBeLessThan(0.03);
    const lines = readFileSync(join(dir, 'boliger.csv')).reduce((n, b) => n + (b === 10 ? 1 : 0), 0);
    expect(lines).toBe(592959 + 1);
  });
});

import { describe, it, expect } from 'vitest';
import {
  isSmallCount,
  keyFigureKinds,
  keyFigureRowRelations,
  rateAllowed,
  rulesFromConfig,
  suppressRow,
  suppressTable,
  type TableSpec,
} from './suppression.ts';
import { keyFigureNames } from '../features/imports/formats.ts';
import { loadConfig } from '../config.ts';

const rules = { minCount: 5, minHouseholds: 20 };

type Row = { id: number; g?: string; beboere?: number | null; husstande?: number | null; [k: string]: unknown };
const spec = (extra: Partial<TableSpec<Row>> = {}): TableSpec<Row> => ({
  kinds: keyFigureKinds,
  households: (r) => r.husstande ?? null,
  id: (r) => r.id,
  ...extra,
});

describe('thresholds', () => {
  it('reads the thresholds from config, defaults 5 and 20', () => {
    expect(rulesFromConfig(loadConfig({}))).toEqual({ minCount: 5, minHouseholds: 20 });
    expect(rulesFromConfig(loadConfig({ ALMEN_SUPPRESS_MIN_COUNT: '3', ALMEN_SUPPRESS_MIN_HOUSEHOLDS: '50' }))).toEqual({
      minCount: 3,
      minHouseholds: 50,
    });
  });

  it('hides counts 1..4 and shows 0 and 5', () => {
    expect([0, 1, 4, 5, 6].map((v) => isSmallCount(v, rules))).toEqual([false, true, true, false, false]);
    expect(isSmallCount(null, rules)).toBe(false);
  });

  it('shows a rate from 20 households, not at 19 or when unknown', () => {
    expect(rateAllowed(19, rules)).toBe(false);
    expect(rateAllowed(20, rules)).toBe(true);
    expect(rateAllowed(null, rules)).toBe(false);
    expect(rateAllowed(null, { minCount: 5, minHouseholds: 0 })).toBe(true);
  });

  it('follows configured thresholds', () => {
    const r = { minCount: 10, minHouseholds: 100 };
    expect(isSmallCount(9, r)).toBe(true);
    expect(isSmallCount(10, r)).toBe(false);
    expect(rateAllowed(99, r)).toBe(false);
    expect(rateAllowed(100, r)).toBe(true);
  });

  it('declares every key-figure column of the import format exactly once', () => {
    expect(Object.keys(keyFigureKinds).sort()).toEqual([...keyFigureNames].sort());
    for (const f of Object.keys(keyFigureKinds)) {
      if (f.endsWith('_pct') || f === 'indkomst_pct_af_region') expect(keyFigureKinds[f as keyof typeof keyFigureKinds]).toBe('rate');
    }
    expect(keyFigureKinds.ledige_boliger).toBe('public');
    expect(keyFigureKinds.venteliste).toBe('count');
  });
});

describe('primary suppression of a row', () => {
  it('nulls small counts and lists them; leaves 0, 5 and dwellings', () => {
    const out = suppressRow(
      { id: 1, beboere: 40, husstande: 20, husordenssager: 4, restancesager: 5, venteliste: 0, ledige_boliger: 1 },
      rules,
      spec(),
    );
    expect(out.husordenssager).toBeNull();
    expect(out.restancesager).toBe(5);
    expect(out.venteliste).toBe(0);
    expect(out.ledige_boliger).toBe(1);
    expect(out.suppressed).toEqual(['husordenssager']);
  });

  it('hides every rate of a unit under 20 households, and shows them at 20', () => {
    const base = { id: 1, beboere: 60, fraflytning_pct: 7.5, indkomst_pct_af_region: 61.3, doemte_pct: 0 };
    const small = suppressRow({ ...base, husstande: 19 }, rules, spec());
    expect(small.fraflytning_pct).toBeNull();
    expect(small.indkomst_pct_af_region).toBeNull();
    expect(small.doemte_pct).toBeNull();
    expect(small.suppressed).toEqual(['doemte_pct', 'indkomst_pct_af_region', 'fraflytning_pct']);
    const ok = suppressRow({ ...base, husstande: 20 }, rules, spec());
    expect(ok.fraflytning_pct).toBe(7.5);
    expect(ok.suppressed).toEqual([]);
  });

  it('hides rates when the number of households is unknown', () => {
    const out = suppressRow({ id: 1, husstande: null, fraflytning_pct: 3 }, rules, spec());
    expect(out.fraflytning_pct).toBeNull();
    expect(out.suppressed).toEqual(['fraflytning_pct']);
  });

  it('does not list a missing value as suppressed', () => {
    const out = suppressRow({ id: 1, husstande: 30, husordenssager: null }, rules, spec());
    expect(out.suppressed).toEqual([]);
    expect(out.husordenssager).toBeNull();
  });

  it('does not change its input', () => {
    const row = { id: 1, husstande: 3 };
    suppressRow(row, rules, spec());
    expect(row.husstande).toBe(3);
  });
});

describe('complementary suppression inside a row (beboere = 0-17 + 18-64 + 65+)', () => {
  const rel = { rowRelations: keyFigureRowRelations };
  const row = (a: number, b: number, c: number, total = a + b + c) => ({
    id: 1,
    husstande: 30,
    beboere: total,
    beboere_0_17: a,
    beboere_18_64: b,
    beboere_65_plus: c,
  });

  it('hides the next-smallest part when exactly one part is hidden', () => {
    const out = suppressRow(row(3, 40, 12), rules, spec(rel));
    expect(out.suppressed).toEqual(['beboere_0_17', 'beboere_65_plus']);
    expect(out.beboere).toBe(55);
    expect(out.beboere_18_64).toBe(40);
  });

  it('chooses a positive part over a zero, since hiding a zero protects nothing', () => {
    const out = suppressRow(row(0, 3, 30), rules, spec(rel));
    expect(out.suppressed).toEqual(['beboere_18_64', 'beboere_65_plus']);
    expect(out.beboere_0_17).toBe(0);
  });

  it('hides the total when no other part can hide the hidden one', () => {
    // 65+ is the only non-zero part: the shown zeros give no cover, so the total (8, not small) goes
    const out = suppressRow({ ...row(0, 0, 3), beboere: 8 }, rules, spec(rel));
    expect(out.suppressed).toEqual(['beboere', 'beboere_65_plus']);
    expect(out.beboere_0_17).toBe(0);
  });

  it('adds nothing when two parts are already hidden', () => {
    const out = suppressRow(row(3, 2, 40), rules, spec(rel));
    expect(out.suppressed).toEqual(['beboere_0_17', 'beboere_18_64']);
  });

  it('adds nothing when nothing is hidden', () => {
    expect(suppressRow(row(5, 40, 12), rules, spec(rel)).suppressed).toEqual([]);
  });

  it('adds nothing when another cell is unknown, since the sum cannot be solved', () => {
    const out = suppressRow({ ...row(3, 40, 12), beboere_65_plus: null }, rules, spec(rel));
    expect(out.suppressed).toEqual(['beboere_0_17']);
  });
});

describe('complementary suppression down a column (a published total over a group)', () => {
  const col = (extra: Partial<TableSpec<Row>> = {}) =>
    spec({ columnRelations: [{ field: 'beboere', group: (r) => r.g ?? null }], ...extra });

  it('hides the next-smallest cell of the group when exactly one is hidden', () => {
    const rows: Row[] = [
      { id: 1, g: 'a', husstande: 30, beboere: 3 },
      { id: 2, g: 'a', husstande: 30, beboere: 50 },
      { id: 3, g: 'a', husstande: 30, beboere: 12 },
      { id: 4, g: 'b', husstande: 30, beboere: 9 },
    ];
    const out = suppressTable(rows, rules, col());
    expect(out.map((r) => r.beboere)).toEqual([null, 50, null, 9]);
    expect(out[2].suppressed).toEqual(['beboere']);
  });

  it('picks the same complement whatever order the rows come in (ties by id)', () => {
    const rows: Row[] = [
      { id: 1, g: 'a', husstande: 30, beboere: 3 },
      { id: 3, g: 'a', husstande: 30, beboere: 12 },
      { id: 2, g: 'a', husstande: 30, beboere: 12 },
    ];
    const a = suppressTable(rows, rules, col());
    const b = suppressTable([...rows].reverse(), rules, col());
    expect(a.find((r) => r.id === 2)!.beboere).toBeNull();
    expect(b.find((r) => r.id === 2)!.beboere).toBeNull();
    expect(b.find((r) => r.id === 3)!.beboere).toBe(12);
  });

  it('leaves groups with two hidden cells or none alone', () => {
    const rows: Row[] = [
      { id: 1, g: 'a', husstande: 30, beboere: 3 },
      { id: 2, g: 'a', husstande: 30, beboere: 4 },
      { id: 3, g: 'a', husstande: 30, beboere: 12 },
      { id: 4, g: 'b', husstande: 30, beboere: 5 },
      { id: 5, g: 'b', husstande: 30, beboere: 7 },
    ];
    expect(suppressTable(rows, rules, col()).map((r) => r.beboere)).toEqual([null, null, 12, 5, 7]);
  });

  it('ignores rows outside the aggregate', () => {
    const rows: Row[] = [
      { id: 1, g: 'a', husstande: 30, beboere: 3 },
      { id: 2, husstande: 30, beboere: 6 }, // group null: not in the published total
    ];
    expect(suppressTable(rows, rules, col()).map((r) => r.beboere)).toEqual([null, 6]);
  });

  it('protects a hidden rate in a weighted mean by hiding the rate of the unit with fewest households', () => {
    const rows: Row[] = [
      { id: 1, g: 'a', husstande: 15, fraflytning_pct: 20 },
      { id: 2, g: 'a', husstande: 200, fraflytning_pct: 8 },
      { id: 3, g: 'a', husstande: 40, fraflytning_pct: 9 },
      { id: 4, g: 'a', husstande: 0, fraflytning_pct: 1 }, // weight 0: not in the mean
    ];
    const out = suppressTable(rows, rules, spec({
      columnRelations: [{ field: 'fraflytning_pct', group: (r) => r.g ?? null, weight: 'husstande' }],
    }));
    expect(out.map((r) => r.fraflytning_pct)).toEqual([null, 8, null, null]);
    expect(out[2].suppressed).toEqual(['fraflytning_pct']);
  });

  it('repeats until stable: a column complement that exposes a row sum is protected in the row', () => {
    const rows: Row[] = [
      { id: 1, g: 'a', husstande: 30, beboere: 3, beboere_0_17: 0, beboere_18_64: 3, beboere_65_plus: 0 },
      { id: 2, g: 'a', husstande: 30, beboere: 30, beboere_0_17: 10, beboere_18_64: 12, beboere_65_plus: 8 },
      { id: 3, g: 'a', husstande: 30, beboere: 90, beboere_0_17: 30, beboere_18_64: 30, beboere_65_plus: 30 },
    ];
    const out = suppressTable(rows, rules, col({ rowRelations: keyFigureRowRelations }));
    // row 2's total is hidden to protect row 1 in the column; its parts would give it back, so one part goes too
    expect(out[1].suppressed).toEqual(['beboere', 'beboere_65_plus']);
    expect(out[2].suppressed).toEqual([]);
  });
});

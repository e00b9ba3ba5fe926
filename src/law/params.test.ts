import { describe, expect, it } from 'vitest';
import { LawLoadError, LawParamError, loadLaw, paramsFrom, parseParamFile, withOverrides } from './params.ts';

const ref = 'ref: {act: "ABL", paragraph: "§ 61 a, stk. 3", url: "https://danskelove.dk/almenboligloven/61a"}';
const file = (values: string) =>
  `description: "test"\nunit: "stk"\nreviewedOn: "2026-01-01"\nvalues:\n${values}`;

describe('parseParamFile', () => {
  it('reads dated values with half-open ranges and null ending a value', () => {
    const p = paramsFrom([
      parseParamFile(
        'x',
        file(`  "2013-12-01": {value: 50, verified: VERIFIED, ${ref}}\n  "2018-12-01": {value: 60, verified: VERIFIED, ${ref}}\n  "2021-12-01": null\n`),
      ),
    ]);
    expect(p.param('x', '2013-12-01')).toBe(50);
    expect(p.param('x', '2018-11-30')).toBe(50);
    expect(p.param('x', '2018-12-01')).toBe(60);
    expect(p.param('x', '2021-11-30')).toBe(60);
    expect(() => p.param('x', '2021-12-01')).toThrow(LawParamError);
    expect(() => p.param('x', '2013-11-30')).toThrow(/x.*2013-11-30/);
    expect(p.version('x', '2019-01-01')).toMatchObject({ from: '2018-12-01', to: '2021-12-01', ref: { paragraph: '§ 61 a, stk. 3' } });
  });

  it('fails the load for a value without a reference', () => {
    expect(() => parseParamFile('y', file(`  "2018-12-01": {value: 2, verified: VERIFIED}\n`))).toThrow(LawLoadError);
    expect(() => parseParamFile('y', file(`  "2018-12-01": {value: 2, verified: VERIFIED}\n`))).toThrow(/y: .*ref/);
  });

  it('fails the load for an incomplete reference, a bad date key or an unknown mark', () => {
    expect(() => parseParamFile('y', file(`  "2018-12-01": {value: 2, verified: VERIFIED, ref: {act: "ABL"}}\n`))).toThrow(LawLoadError);
    expect(() => parseParamFile('y', file(`  "1.12.2018": {value: 2, verified: VERIFIED, ${ref}}\n`))).toThrow(LawLoadError);
    expect(() => parseParamFile('y', file(`  "2018-12-01": {value: 2, verified: MAYBE, ${ref}}\n`))).toThrow(LawLoadError);
    expect(() => parseParamFile('y', file(`  "2018-12-01": null\n`))).toThrow(LawLoadError);
  });

  it('throws for an unknown parameter, naming it', () => {
    const p = paramsFrom([]);
    expect(() => p.param('findes_ikke', '2020-01-01')).toThrow(/findes_ikke/);
  });
});

describe('law/ as committed', () => {
  const law = loadLaw();
  it('loads every file with a reference on every value', () => {
    expect(law.all.size).toBeGreaterThanOrEqual(20);
    for (const p of law.all.values()) for (const v of p.versions) expect(v.ref.url).toMatch(/^https:\/\//);
  });
  it('holds the § 61 a and § 61 b values of RULES.md', () => {
    expect(law.param('boligomraade_min_beboere', '2024-01-01')).toBe(1000);
    expect(law.param('udsat_udenfor_pct_overstiger', '2018-12-01')).toBe(40);
    expect(() => law.param('udsat_udenfor_pct_overstiger', '2018-11-30')).toThrow(/udsat_udenfor_pct_overstiger.*2018-11-30/);
    expect(law.param('ghettoliste_2013_doemte_pct_overstiger', '2018-11-30')).toBe(2.7);
    expect(() => law.param('ghettoliste_2013_doemte_pct_overstiger', '2018-12-01')).toThrow(LawParamError);
    expect(law.param('omdannelsesomraade_aar', '2024-12-01')).toBe(5);
    expect(() => law.param('forebyggelse_indkomst_pct_under', '2021-11-30')).toThrow(LawParamError);
    expect(law.param('forebyggelse_indkomst_pct_under', '2021-12-01')).toBe(65);
  });
  it('a what-if replaces a value but keeps the dates in force', () => {
    const w = withOverrides(law, { udsat_udenfor_pct_overstiger: 35 });
    expect(w.param('udsat_udenfor_pct_overstiger', '2020-12-01')).toBe(35);
    expect(() => w.param('udsat_udenfor_pct_overstiger', '2017-12-01')).toThrow(LawParamError);
  });
});

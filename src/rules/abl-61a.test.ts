import fs from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadLaw, LawParamError } from '../law/params.ts';
import { classify, classifyAll, type ClassifyOptions, type Klassifikation, type OmraadeIndikatorer } from './abl-61a.ts';

const law = loadLaw();
const file = parse(fs.readFileSync(new URL('./abl-61a.cases.yaml', import.meta.url), 'utf8')) as {
  defaults: Omit<OmraadeIndikatorer, 'listeaar'>;
  cases: {
    name: string;
    listDate: string;
    options?: ClassifyOptions;
    rows: (Partial<OmraadeIndikatorer> & { years?: number[] })[];
    expect: Record<string, any>[];
  }[];
};

function rowsOf(c: (typeof file.cases)[number]): OmraadeIndikatorer[] {
  const year = Number(c.listDate.slice(0, 4));
  return c.rows.flatMap(({ years, ...r }) =>
    (years ?? [r.listeaar ?? year]).map((y) => ({ ...file.defaults, ...r, listeaar: y }) as OmraadeIndikatorer),
  );
}

const crit = (k: Klassifikation) => (k.regel === 'ghettoliste-2013' ? k.ghettoomraade2013! : k.udsat!).kriterier;

describe('ABL § 61 a / § 61 b golden cases (abl-61a.cases.yaml)', () => {
  for (const c of file.cases) {
    it(c.name, () => {
      const res = classify(rowsOf(c), c.listDate, law, c.options ?? {});
      for (const e of c.expect) {
        const k = res.find((x) => x.omraade_kode === (e.omraade_kode ?? 'A'));
        expect(k, `area ${e.omraade_kode ?? 'A'}`).toBeDefined();
        if (!k) return;
        if (e.kategorier) expect([...k.kategorier].sort()).toEqual([...e.kategorier].sort());
        if (e.regel) expect(k.regel).toBe(e.regel);
        if ('antalOpfyldt' in e) expect((k.regel === 'ghettoliste-2013' ? k.ghettoomraade2013! : k.udsat!).antalOpfyldt).toBe(e.antalOpfyldt);
        for (const [id, v] of Object.entries(e.met ?? {})) expect(crit(k).find((x) => x.id === id)?.opfyldt, `met ${id}`).toBe(v);
        for (const [id, v] of Object.entries(e.margin ?? {})) expect(crit(k).find((x) => x.id === id)?.margin, `margin ${id}`).toBeCloseTo(v as number, 9);
        for (const [id, v] of Object.entries(e.value ?? {})) expect(crit(k).find((x) => x.id === id)?.vaerdi, `value ${id}`).toBeCloseTo(v as number, 9);
        for (const [id, v] of Object.entries(e.threshold ?? {})) expect(crit(k).find((x) => x.id === id)?.taerskel, `threshold ${id}`).toBeCloseTo(v as number, 9);
        for (const [id, v] of Object.entries(e.forebyggelseMet ?? {})) expect(k.forebyggelse?.kriterier.find((x) => x.id === id)?.opfyldt, `§ 61 b ${id}`).toBe(v);
        if ('parallelsamfund' in e) expect(k.parallelsamfund?.opfyldt).toBe(e.parallelsamfund);
        if ('beboere' in e) expect(k.beboere.opfyldt).toBe(e.beboere);
        if ('ghetto2013' in e) expect(k.ghettoomraade2013 === null ? null : k.ghettoomraade2013.opfyldt).toBe(e.ghetto2013);
        if ('forebyggelse' in e) expect(k.forebyggelse).toBe(e.forebyggelse);
        if ('udenEtniskKriterium' in e) expect(k.udenEtniskKriterium).toBe(e.udenEtniskKriterium);
        if (e.omdannelse) expect(k.omdannelse).toMatchObject(e.omdannelse);
        for (const s of e.forklaring ?? []) expect(k.forklaring.join('\n')).toContain(s);
      }
    });
  }
});

describe('classify', () => {
  const row = { ...file.defaults, listeaar: 2022 } as OmraadeIndikatorer;
  it('records the parameter versions used and cites the paragraph in every explanation line', () => {
    const [k] = classify([row], '2022-12-01', law);
    expect(k.parametre.map((p) => p.navn)).toContain('udsat_udenfor_pct_overstiger');
    expect(k.parametre.find((p) => p.navn === 'omdannelsesomraade_aar')).toMatchObject({ vaerdi: 5, gyldigFra: '2018-12-01', paragraf: '§ 61 a, stk. 4' });
    for (const line of k.forklaring) expect(line).toMatch(/§ 61 [ab]/);
  });
  it('records the 2013 parameters used for a history year before 1 December 2018', () => {
    const rows = [2017, 2018].map((y) => ({ ...row, listeaar: y, ikkevestlige_pct: 60, udenfor_pct_aar1: 45, udenfor_pct_aar2: 45, indkomst_pct_af_region: 50 }));
    const [k] = classify(rows, '2018-12-01', law);
    expect(k.omdannelse).toMatchObject({ sammenhaengendeAar: 2, historikForKort: true, opfyldt: null });
    expect(k.parametre.map((p) => p.navn)).toContain('ghettoliste_2013_min_kriterier');
  });
  it('throws, naming the parameter, for a list date before any rule is in force', () => {
    expect(() => classify([{ ...row, listeaar: 2009 }], '2009-12-01', law)).toThrow(LawParamError);
    expect(() => classify([{ ...row, listeaar: 2009 }], '2009-12-01', law)).toThrow(/boligomraade_min_beboere.*2009-12-01/);
  });
  it('refuses two rows for the same area and year', () => {
    expect(() => classify([row, row], '2022-12-01', law)).toThrow(/to rækker/);
  });
  it('classifyAll gives one result per area and list year', () => {
    const rows = [2020, 2021, 2022].flatMap((y) => [{ ...row, listeaar: y }, { ...row, listeaar: y, omraade_kode: 'B' }]);
    expect(classifyAll(rows, law).map((k) => `${k.listeaar}${k.omraade_kode}`)).toEqual(['2020A', '2020B', '2021A', '2021B', '2022A', '2022B']);
  });
});

describe('properties', () => {
  const pctArb = fc.double({ min: 0, max: 100, noNaN: true });
  const areaYears = fc.record({
    beboere: fc.integer({ min: 900, max: 1100 }),
    ikkevestlige_pct: fc.constantFrom(30, 50, 50.1, 60, 20),
    udenfor_pct_aar1: fc.oneof(pctArb, fc.constant(40)),
    udenfor_pct_aar2: fc.oneof(pctArb, fc.constant(40)),
    doemte_pct_aar1: fc.double({ min: 0, max: 5, noNaN: true }),
    doemte_pct_aar2: fc.double({ min: 0, max: 5, noNaN: true }),
    doemte_landsgns_pct_aar1: fc.double({ min: 0.5, max: 1, noNaN: true }),
    doemte_landsgns_pct_aar2: fc.double({ min: 0.5, max: 1, noNaN: true }),
    grundskole_pct: fc.oneof(pctArb, fc.constant(60)),
    indkomst_pct_af_region: fc.oneof(fc.double({ min: 30, max: 120, noNaN: true }), fc.constant(55)),
  });
  it('every parallelsamfund is udsat; every omdannelsesområde is a parallelsamfund that year', () => {
    fc.assert(
      fc.property(fc.array(areaYears, { minLength: 1, maxLength: 8 }), fc.boolean(), (years, uden) => {
        const rows = years.map((y, i) => ({ ...file.defaults, ...y, listeaar: 2016 + i }) as OmraadeIndikatorer);
        for (const k of classifyAll(rows, law, { withoutEthnicCriterion: uden })) {
          if (k.kategorier.includes('parallelsamfund')) expect(k.kategorier).toContain('udsat');
          if (k.kategorier.includes('omdannelsesomraade')) expect(k.kategorier).toContain('parallelsamfund');
          if (k.omdannelse) expect(k.omdannelse.sammenhaengendeAar).toBeLessThanOrEqual(k.omdannelse.aarKraevet);
        }
      }),
      { numRuns: 300 },
    );
  });
});

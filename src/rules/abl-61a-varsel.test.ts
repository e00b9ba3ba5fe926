import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadLaw } from '../law/params.ts';
import { classify, type OmraadeIndikatorer } from './abl-61a.ts';
import { NAER_GRAENSE_STANDARD, varsel, type Befolkning, type KriterieVarsel, type OmraadeVarsel, type VarselOptions } from './abl-61a-varsel.ts';

const law = loadLaw();

// An area that meets nothing (as the defaults of abl-61a.cases.yaml). Thresholds (law/abl/61a): udsat udenfor > 40,
// dømte >= 3 x landsgns (0.7 -> 2.1), grundskole > 60, indkomst < 55, parallelsamfund ikkevestlige > 50;
// forebyggelse > 30 / >= 2 x (1.4) / > 60 / < 65, ikkevestlige > 30; boligområde >= 1000 beboere.
const base: Omit<OmraadeIndikatorer, 'listeaar'> = {
  omraade_kode: 'A',
  omraade_navn: 'Testparken',
  kommunekode: 461,
  beboere: 2000,
  ikkevestlige_pct: 20,
  udenfor_pct_aar1: 20,
  udenfor_pct_aar2: 20,
  doemte_pct_aar1: 0.5,
  doemte_pct_aar2: 0.5,
  doemte_landsgns_pct_aar1: 0.7,
  doemte_landsgns_pct_aar2: 0.7,
  grundskole_pct: 30,
  indkomst_pct_af_region: 80,
};
const row = (listeaar: number, over: Partial<OmraadeIndikatorer> = {}): OmraadeIndikatorer => ({ ...base, ...over, listeaar });
const years = (from: number, to: number, over: Partial<OmraadeIndikatorer> = {}) => Array.from({ length: to - from + 1 }, (_, i) => row(from + i, over));
const pop = (kode: string, b: Befolkning) => new Map([[kode, b]]);

function one(rows: OmraadeIndikatorer[], naeste: number, opts: VarselOptions = {}): OmraadeVarsel {
  const res = varsel(rows, naeste, law, opts);
  expect(res).toHaveLength(1);
  return res[0];
}
const kat = (v: OmraadeVarsel, k: string) => v.kategorier.find((x) => x.kategori === k)!;
const krit = (v: OmraadeVarsel, gruppe: string, id: string): KriterieVarsel => v.kriterier.find((x) => x.gruppe === gruppe && x.id === id)!;

describe('varsel: golden cases (by hand)', () => {
  it('just over the udenfor threshold, the trend takes it under: risiko_ud for udsat (prognose)', () => {
    // aar2 41.5, 41, 40 over 2022-2024: mean yearly change (40 - 41.5) / 2 = -0.75.
    // 2024: average (41 + 40) / 2 = 40.5 > 40, met. 2025: aar1 = 40 (the 2024 aar2), aar2 = 40 - 0.75 = 39.25,
    // average 39.625, not met; with income 50 < 55 the count falls from 2 to 1.
    const rows = [
      row(2022, { udenfor_pct_aar1: 42, udenfor_pct_aar2: 41.5, indkomst_pct_af_region: 50 }),
      row(2023, { udenfor_pct_aar1: 41.5, udenfor_pct_aar2: 41, indkomst_pct_af_region: 50 }),
      row(2024, { udenfor_pct_aar1: 41, udenfor_pct_aar2: 40, indkomst_pct_af_region: 50 }),
    ];
    const v = one(rows, 2025, { population: pop('A', { beboere_18_64: 1000 }) });
    expect(v.senesteListeaar).toBe(2024);
    expect(v.trend).toMatchObject({ beregnet: true, aarBrugt: [2022, 2023, 2024] });
    expect(v.trend.prAar.udenfor_pct_aar2).toBeCloseTo(-0.75, 9);
    expect(v.prognoseRaekke.udenfor_pct_aar1).toBe(40);
    expect(v.prognoseRaekke.udenfor_pct_aar2).toBeCloseTo(39.25, 9);
    expect(v.nu).toEqual(['udsat']);
    expect(v.prognose).toEqual([]);
    expect(kat(v, 'udsat')).toMatchObject({ status: 'risiko_ud', grund: 'prognose', nu: true, prognose: false });
    expect(kat(v, 'parallelsamfund').status).toBe('forbliver_udenfor');
    const u = krit(v, 'udsat', 'udenfor');
    expect(u.nu).toMatchObject({ vaerdi: 40.5, opfyldt: true, margin: 0.5 });
    expect(u.prognose.vaerdi).toBeCloseTo(39.625, 9);
    expect(u.prognose.margin).toBeCloseTo(-0.375, 9);
    // Back over 40 needs the average up by more than 0.375 pp, so the new data year up by more than 0.75 pp:
    // 0.75 % of 1000 = 7.5 fuldtidspersoner, so 8.
    expect(u.aendring).toMatchObject({ maal: 'opfyldt', retning: 'op', strengt: true, personer: 8 });
    expect(u.aendring.paakraevetDataaar).toBeCloseTo(0.75, 9);
    expect(u.aendring.tekst).toContain('8 flere fuldtidspersoner uden tilknytning');
    expect(v.risiko).toBe(true);
    expect(v.forklaring.join('\n')).toContain('§ 61 a, stk. 1, nr. 1 (uden for arbejde og uddannelse): 40,5 på listen 2024, 39,63 i prognosen');
  });

  it('exactly 2 of 4 with one criterion within the band: risiko_ud (naer_graense); persons to leave', () => {
    // udenfor 41 (margin 1 <= 2), income 50 (margin 5); identical years, so the projection is the same.
    const v = one(years(2023, 2024, { udenfor_pct_aar1: 41, udenfor_pct_aar2: 41, indkomst_pct_af_region: 50 }), 2025, {
      population: pop('A', { beboere_18_64: 1200 }),
    });
    expect(v.nu).toEqual(['udsat']);
    expect(v.prognose).toEqual(['udsat']);
    expect(kat(v, 'udsat')).toMatchObject({ status: 'risiko_ud', grund: 'naer_graense', naerKriterier: ['udenfor'] });
    const u = krit(v, 'udsat', 'udenfor');
    // Off the criterion: the average down to 40 (not strictly: "overstiger"), 1 pp, so the new data year 2 pp:
    // 2 % of 1200 = 24 persons exactly.
    expect(u.aendring).toMatchObject({ maal: 'ikke_opfyldt', retning: 'ned', strengt: false, paakraevet: 1, paakraevetDataaar: 2, personer: 24 });
    expect(u.aendring.tekst).toContain('24 flere beboere i beskæftigelse eller uddannelse (fuldtidspersoner)');
    expect(u.aendring.personerGrundlag).toContain('18-64-årige beboere');
    // A narrower band (a product setting) removes the risk.
    expect(kat(one(years(2023, 2024, { udenfor_pct_aar1: 41, udenfor_pct_aar2: 41, indkomst_pct_af_region: 50 }), 2025, { naerGraense: 0.5 }), 'udsat').status).toBe('forbliver_paa');
    // Three criteria met: one flip cannot take it off.
    expect(kat(one(years(2023, 2024, { udenfor_pct_aar1: 41, udenfor_pct_aar2: 41, indkomst_pct_af_region: 50, grundskole_pct: 70 }), 2025), 'udsat').status).toBe('forbliver_paa');
  });

  it('1 criterion met and one at margin -0.5 pp: risiko_ind (naer_graense); strictly past needs one more person', () => {
    const v = one([row(2024, { grundskole_pct: 59.5, indkomst_pct_af_region: 50 })], 2025, { population: pop('A', { beboere_30_59: 800 }) });
    expect(v.nu).toEqual([]);
    expect(v.prognose).toEqual([]);
    expect(kat(v, 'udsat')).toMatchObject({ status: 'risiko_ind', grund: 'naer_graense', naerKriterier: ['grundskole'] });
    const g = krit(v, 'udsat', 'grundskole');
    expect(g.prognose.margin).toBeCloseTo(-0.5, 9);
    expect(g.naerGraense).toBe(true);
    // 0.5 % of 800 = 4 persons gives exactly 60 %, which does not "overstige" 60: 5 are needed. One year only.
    expect(g.aendring).toMatchObject({ maal: 'opfyldt', retning: 'op', strengt: true, paakraevet: 0.5, paakraevetDataaar: 0.5, personer: 5 });
    expect(g.aendring.tekst).toContain('5 flere med kun grundskole');
    expect(kat(v, 'udsat').begrundelse).toMatch(/^§ 61 a, stk. 1 \(udsat boligområde\).*risiko for at komme på listen/);
    // At -2.5 pp it is outside the band.
    expect(kat(one([row(2024, { grundskole_pct: 57.5, indkomst_pct_af_region: 50 })], 2025), 'udsat').status).toBe('forbliver_udenfor');
  });

  it('convicted persons with the 2-year average: twice the change of the average in the new data year', () => {
    // 2024: aar1 2.6, aar2 2.4 (average 2.5); national 0.7 -> threshold 3 x 0.7 = 2.1. One year: no trend.
    // 2025: aar1 = 2.4 (the 2024 aar2), aar2 = 2.4: average 2.4, margin 0.3 (met, "mindst").
    // Off: (2.4 + a2) / 2 < 2.1  <=>  a2 < 1.8, so aar2 down by more than 0.6 pp (= 2 x 0.3).
    // 0.6 % of 1500 adults = 9 persons gives exactly 2.1, still met; 10 are needed.
    const rows = [row(2024, { doemte_pct_aar1: 2.6, doemte_pct_aar2: 2.4, indkomst_pct_af_region: 50 })];
    const v = one(rows, 2025, { population: pop('A', { beboere_18_plus: 1500 }) });
    expect(v.prognoseRaekke).toMatchObject({ doemte_pct_aar1: 2.4, doemte_pct_aar2: 2.4 });
    const d = krit(v, 'udsat', 'doemte');
    expect(d.nu).toMatchObject({ vaerdi: 2.5, taerskel: 2.1, opfyldt: true });
    expect(d.prognose).toMatchObject({ vaerdi: 2.4, taerskel: 2.1, opfyldt: true });
    expect(d.prognose.margin).toBeCloseTo(0.3, 9);
    expect(d.aendring).toMatchObject({ maal: 'ikke_opfyldt', retning: 'ned', strengt: true, personer: 10 });
    expect(d.aendring.paakraevet).toBeCloseTo(0.3, 9);
    expect(d.aendring.paakraevetDataaar).toBeCloseTo(0.6, 9);
    expect(d.aendring.tekst).toContain('10 færre dømte i det nye dataår');
    expect(d.aendring.tekst).toContain('mere end 0,6 procentpoint');
    // Check against the rule itself: 9 fewer keeps the criterion, 10 fewer removes it.
    const med = (n: number) =>
      classify([...rows, { ...v.prognoseRaekke, doemte_pct_aar2: 2.4 - (n / 1500) * 100 }], '2025-12-01', law)[0].udsat!.kriterier.find((k) => k.id === 'doemte')!.opfyldt;
    expect(med(9)).toBe(true);
    expect(med(10)).toBe(false);
    // § 61 b, nr. 2 uses 2 x 0.7 = 1.4: margin 1.0, so 2 x 1.0 = 2 pp of 1500 = 30 exactly, strictly past: 31.
    expect(krit(v, 'forebyggelsesomraade', 'doemte').aendring.personer).toBe(31);
    // Without a population: no persons, and the result says which count is missing.
    const u = krit(one(rows, 2025), 'udsat', 'doemte').aendring;
    expect(u.personer).toBeNull();
    expect(u.personerGrundlag).toContain('beboere på mindst 18 år kendes ikke');
    expect(u.tekst).toContain('kan ikke beregnes');
  });

  it('one list year only: no trend, the projection is unchanged and the result says so', () => {
    const v = one([row(2024, { udenfor_pct_aar1: 30, udenfor_pct_aar2: 30 })], 2025);
    expect(v.trend.beregnet).toBe(false);
    expect(v.trend.aarBrugt).toEqual([2024]);
    expect(Object.values(v.trend.prAar).every((x) => x === 0)).toBe(true);
    expect(v.forklaring[0]).toContain('Tendensen kunne ikke beregnes');
    expect(v.prognoseRaekke).toEqual({ ...row(2024, { udenfor_pct_aar1: 30, udenfor_pct_aar2: 30 }), listeaar: 2025 });
    // A row outside the 3-year window does not make a trend either.
    const w = one([row(2019, { grundskole_pct: 10 }), row(2024)], 2025);
    expect(w.trend).toMatchObject({ beregnet: false, aarBrugt: [2024] });
    expect(w.prognoseRaekke.grundskole_pct).toBe(30);
  });

  it('omdannelsesområde in its 5th year stays on if nothing changes; in its 4th parallelsamfund year it is projected on', () => {
    const par = { ikkevestlige_pct: 60, udenfor_pct_aar1: 45, udenfor_pct_aar2: 45, indkomst_pct_af_region: 50 };
    const v = one(years(2020, 2024, par), 2025);
    expect(v.nu).toContain('omdannelsesomraade');
    expect(v.prognose).toContain('omdannelsesomraade');
    for (const k of ['udsat', 'parallelsamfund', 'omdannelsesomraade', 'forebyggelsesomraade']) expect(kat(v, k).status, k).toBe('forbliver_paa');
    expect(v.historikForKort).toBe(false);
    expect(v.risiko).toBe(false);
    expect(kat(v, 'omdannelsesomraade').begrundelse).toContain('§ 61 a, stk. 4');

    const w = one(years(2021, 2024, par), 2025);
    expect(w.nu).not.toContain('omdannelsesomraade');
    expect(w.prognose).toContain('omdannelsesomraade');
    expect(kat(w, 'omdannelsesomraade')).toMatchObject({ status: 'risiko_ind', grund: 'prognose' });
    expect(w.historikForKort).toBe(true); // the 2024 list could not decide (4 known years)
  });

  it('a 4-year parallelsamfund run whose 5th year is one flip away (within the band) is risiko_ind for omdannelse', () => {
    // 2021-2024: non-western 60, udenfor 45 and grundskole 65, 65, 63, 61: 2 of 4, parallelsamfund each year.
    // Grundskole trend over 2022-2024: (61 - 65) / 2 = -2, so 59 in 2025 (margin -1, within the 2-point band):
    // 2025 is projected with 1 of 4, not a parallelsamfund, but one flip would make it the 5th year.
    const par = { ikkevestlige_pct: 60, udenfor_pct_aar1: 45, udenfor_pct_aar2: 45 };
    const rows = [65, 65, 63, 61].map((g, i) => row(2021 + i, { ...par, grundskole_pct: g }));
    const v = one(rows, 2025);
    expect(v.prognoseRaekke.grundskole_pct).toBe(59);
    expect(v.nu).toEqual(['udsat', 'parallelsamfund', 'forebyggelsesomraade']);
    expect(v.prognose).toEqual([]);
    expect(kat(v, 'parallelsamfund')).toMatchObject({ status: 'risiko_ud', grund: 'prognose' });
    expect(kat(v, 'omdannelsesomraade')).toMatchObject({ status: 'risiko_ind', grund: 'naer_graense', naerKriterier: ['grundskole'] });
    expect(kat(v, 'omdannelsesomraade').begrundelse).toContain('parallelsamfund 4 år i træk til og med 2024');
    // Only 3 parallelsamfund years before: one flip would make the 4th, not the 5th.
    const w = one(rows.slice(1), 2025);
    expect(kat(w, 'omdannelsesomraade').status).toBe('forbliver_udenfor');
  });

  it('exactly on a threshold: > is not met (one person strictly past to enter), >= is met (one person fewer to leave)', () => {
    const rows = [
      row(2024, { omraade_kode: 'A', udenfor_pct_aar1: 40, udenfor_pct_aar2: 40, indkomst_pct_af_region: 50 }),
      row(2024, { omraade_kode: 'B', doemte_pct_aar1: 2.1, doemte_pct_aar2: 2.1, indkomst_pct_af_region: 50 }),
    ];
    const population = new Map([
      ['A', { beboere_18_64: 1000 }],
      ['B', { beboere_18_plus: 1500 }],
    ]);
    const [a, b] = varsel(rows, 2025, law, { population });
    expect(a.omraade_kode).toBe('A');
    const u = krit(a, 'udsat', 'udenfor');
    expect(u.prognose).toMatchObject({ vaerdi: 40, opfyldt: false, margin: 0 });
    expect(u.aendring).toMatchObject({ maal: 'opfyldt', strengt: true, paakraevet: 0, personer: 1 });
    expect(kat(a, 'udsat')).toMatchObject({ status: 'risiko_ind', grund: 'naer_graense' });
    const d = krit(b, 'udsat', 'doemte');
    expect(d.prognose).toMatchObject({ vaerdi: 2.1, taerskel: 2.1, opfyldt: true, margin: 0 });
    expect(d.aendring).toMatchObject({ maal: 'ikke_opfyldt', retning: 'ned', strengt: true, paakraevet: 0, personer: 1 });
    expect(kat(b, 'udsat')).toMatchObject({ status: 'risiko_ud', grund: 'naer_graense', naerKriterier: ['doemte'] });
    // Income exactly 55 is not under 55: entering needs strictly below, no persons (points of the region).
    const i = krit(one([row(2024, { indkomst_pct_af_region: 55 })], 2025), 'udsat', 'indkomst');
    expect(i.aendring).toMatchObject({ maal: 'opfyldt', retning: 'ned', strengt: true, paakraevet: 0, personer: null });
    expect(i.enhed).toBe('point af regionsgennemsnittet');
  });
});

describe('varsel: projection details', () => {
  it('1,000 residents: a falling count takes the area out of § 61 a (stk. 3); persons from the count itself', () => {
    // 1080 -> 1050 -> 1020: -30 a year, 990 in 2025.
    const rows = [1080, 1050, 1020].map((b, i) => row(2022 + i, { beboere: b, udenfor_pct_aar1: 45, udenfor_pct_aar2: 45, indkomst_pct_af_region: 50 }));
    const v = one(rows, 2025);
    expect(v.prognoseRaekke.beboere).toBe(990);
    expect(kat(v, 'udsat')).toMatchObject({ status: 'risiko_ud', grund: 'prognose' });
    const b = krit(v, 'boligomraade', 'beboere');
    expect(b.aendring).toMatchObject({ maal: 'opfyldt', retning: 'op', strengt: false, personer: 10 });
    expect(b.aendring.tekst).toContain('10 flere beboere');
    // 1020 with no trend: within 50 persons; leaving needs 21 fewer (999).
    const w = one([rows[2]], 2025);
    expect(kat(w, 'udsat')).toMatchObject({ status: 'risiko_ud', grund: 'naer_graense', naerKriterier: ['beboere'] });
    expect(krit(w, 'boligomraade', 'beboere').aendring.personer).toBe(21);
  });

  it('clamps shares to 0-100 and says so', () => {
    const v = one([row(2023, { grundskole_pct: 90 }), row(2024, { grundskole_pct: 98 })], 2026);
    expect(v.prognoseRaekke.grundskole_pct).toBe(100);
    expect(v.trend.begraenset).toEqual(['grundskole_pct']);
    expect(v.forklaring.join('\n')).toContain('begrænset for: grundskole_pct');
  });

  it('a gap of more than one list year: both data years are new', () => {
    const rows = [row(2022, { udenfor_pct_aar1: 30, udenfor_pct_aar2: 30 }), row(2023, { udenfor_pct_aar1: 30, udenfor_pct_aar2: 32 })];
    const v = one(rows, 2025);
    expect(v.trend.prAar.udenfor_pct_aar2).toBe(2);
    expect(v.prognoseRaekke).toMatchObject({ udenfor_pct_aar1: 34, udenfor_pct_aar2: 36 });
    expect(v.forklaring[1]).toContain('begge dataår er nye');
  });

  it('the non-western share: persons derived from the projected resident count; left out in the what-if', () => {
    const v = one([row(2024, { ikkevestlige_pct: 49, udenfor_pct_aar1: 45, udenfor_pct_aar2: 45, indkomst_pct_af_region: 50 })], 2025);
    expect(kat(v, 'parallelsamfund')).toMatchObject({ status: 'risiko_ind', grund: 'naer_graense', naerKriterier: ['ikkevestlige'] });
    const k = krit(v, 'parallelsamfund', 'ikkevestlige');
    // 1 % of 2000 = 20, strictly past 50 %: 21.
    expect(k.aendring.personer).toBe(21);
    expect(k.aendring.personerGrundlag).toContain('fremskrevne beboertal');
    const w = one([row(2024, { ikkevestlige_pct: 49, udenfor_pct_aar1: 45, udenfor_pct_aar2: 45, indkomst_pct_af_region: 50 })], 2025, { withoutEthnicCriterion: true });
    expect(w.kriterier.some((x) => x.id === 'ikkevestlige')).toBe(false);
    expect(w.prognose).toEqual(['udsat', 'parallelsamfund', 'forebyggelsesomraade']);
  });

  it('sorts areas with a risk first, then by code; every category line cites its paragraph', () => {
    const rows = [
      row(2024, { omraade_kode: 'C' }),
      row(2024, { omraade_kode: 'A' }),
      row(2024, { omraade_kode: 'D', grundskole_pct: 59.5, indkomst_pct_af_region: 50 }),
      row(2024, { omraade_kode: 'B', grundskole_pct: 59.5, indkomst_pct_af_region: 50 }),
    ];
    const res = varsel(rows, 2025, law);
    expect(res.map((v) => v.omraade_kode)).toEqual(['B', 'D', 'A', 'C']);
    for (const v of res) for (const k of v.kategorier) expect(k.begrundelse).toMatch(/^§ 61 [ab]/);
    expect(res[0].forklaring.join('\n')).toContain('produktindstillinger, ikke lovens tal');
  });

  it('refuses rows in or after the forecast year and a bad band; the defaults are exported', () => {
    expect(() => varsel([row(2025)], 2025, law)).toThrow(/bygger kun på tidligere år/);
    expect(() => varsel([row(2024)], 2025, law, { naerGraense: -1 })).toThrow(/naerGraense/);
    expect(NAER_GRAENSE_STANDARD).toMatchObject({ procentpoint: 2, indkomstPoint: 2, beboere: 50 });
    expect(one([row(2024)], 2025, { naerGraense: { beboere: 10 } }).naerGraenser).toEqual({ ...NAER_GRAENSE_STANDARD, beboere: 10 });
    expect(varsel([], 2025, law)).toEqual([]);
  });
});

describe('varsel: properties', () => {
  const d2 = (min: number, max: number) => fc.integer({ min: min * 100, max: max * 100 }).map((n) => n / 100);
  const figures = fc.record({
    beboere: fc.constantFrom(980, 1000, 1030, 2000),
    ikkevestlige_pct: fc.oneof(d2(0, 100), fc.constantFrom(30, 50)),
    udenfor: fc.oneof(d2(0, 100), fc.constantFrom(30, 40)),
    doemte: d2(0, 5),
    landsgns: fc.integer({ min: 500, max: 1000 }).map((n) => n / 1000),
    grundskole_pct: fc.oneof(d2(0, 100), fc.constant(60)),
    indkomst_pct_af_region: fc.oneof(d2(30, 120), fc.constantFrom(55, 65)),
  });
  const toRow = (x: { beboere: number; ikkevestlige_pct: number; udenfor: number; doemte: number; landsgns: number; grundskole_pct: number; indkomst_pct_af_region: number }, y: number) =>
    row(y, {
      beboere: x.beboere,
      ikkevestlige_pct: x.ikkevestlige_pct,
      udenfor_pct_aar1: x.udenfor,
      udenfor_pct_aar2: x.udenfor,
      doemte_pct_aar1: x.doemte,
      doemte_pct_aar2: x.doemte,
      doemte_landsgns_pct_aar1: x.landsgns,
      doemte_landsgns_pct_aar2: x.landsgns,
      grundskole_pct: x.grundskole_pct,
      indkomst_pct_af_region: x.indkomst_pct_af_region,
    });

  it('zero trend (identical rows every year): the projected categories equal the current ones', () => {
    fc.assert(
      fc.property(figures, fc.integer({ min: 1, max: 7 }), fc.boolean(), (x, n, uden) => {
        // From 2021: the same rules (§ 61 b exists from the 1 December 2021 list) on both lists.
        const rows = Array.from({ length: n }, (_, i) => toRow(x, 2021 + i));
        const v = one(rows, 2021 + n, { withoutEthnicCriterion: uden });
        expect(Object.values(v.trend.prAar).every((t) => t === 0)).toBe(true);
        const utenOmd = (k: string[]) => k.filter((c) => c !== 'omdannelsesomraade');
        expect(utenOmd(v.prognose)).toEqual(utenOmd(v.nu));
        // With 5 or more years the history decides § 61 a, stk. 4 on both lists; with fewer, one more year can
        // complete the 5 (the count itself changes, not the figures).
        if (n >= 5) {
          expect(v.prognose).toEqual(v.nu);
          for (const k of v.kategorier) expect(k.grund).not.toBe('prognose');
        }
        for (const k of v.kategorier) {
          if (k.status === 'forbliver_paa' || k.status === 'risiko_ud') expect(k.nu || k.prognose).toBe(true);
          if (k.status === 'forbliver_udenfor') expect(k.nu || k.prognose).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the persons needed flip the criterion in the rule itself, and one person fewer does not', () => {
    fc.assert(
      fc.property(
        figures,
        fc.integer({ min: 200, max: 3000 }),
        fc.integer({ min: 200, max: 3000 }),
        fc.integer({ min: 200, max: 3000 }),
        (x, p1864, p18, p3059) => {
          const cur = toRow(x, 2024);
          const v = one([cur], 2025, { population: pop('A', { beboere_18_64: p1864, beboere_18_plus: p18, beboere_30_59: p3059 }) });
          const P: Record<string, number> = { udenfor: p1864, doemte: p18, grundskole: p3059 };
          for (const gruppe of ['udsat', 'forebyggelsesomraade'] as const) {
            for (const id of ['udenfor', 'doemte', 'grundskole'] as const) {
              const k = krit(v, gruppe, id);
              const a = k.aendring;
              if (a.personer === null) continue;
              const apply = (n: number): OmraadeIndikatorer => {
                const dpp = ((a.retning === 'op' ? 1 : -1) * n * 100) / P[id];
                const r = { ...v.prognoseRaekke };
                if (id === 'udenfor') r.udenfor_pct_aar2 += dpp;
                if (id === 'doemte') r.doemte_pct_aar2 += dpp;
                if (id === 'grundskole') r.grundskole_pct += dpp;
                return r;
              };
              const met = (n: number) => {
                const [c] = classify([cur, apply(n)], '2025-12-01', law);
                const g = gruppe === 'udsat' ? c.udsat! : c.forebyggelse!;
                return g.kriterier.find((q) => q.id === id)!.opfyldt;
              };
              expect(met(0), `${gruppe} ${id} unchanged`).toBe(k.prognose.opfyldt);
              expect(met(a.personer), `${gruppe} ${id} with ${a.personer}`).toBe(!k.prognose.opfyldt);
              if (a.personer > 0) expect(met(a.personer - 1), `${gruppe} ${id} with ${a.personer - 1}`).toBe(k.prognose.opfyldt);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

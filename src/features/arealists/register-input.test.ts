import { describe, expect, it } from 'vitest';
import { loadLaw, withOverrides } from '../../law/params.ts';
import { classify } from '../../rules/abl-61a.ts';
import { dataYears, indicatorsFromFigures, type AreaYear } from './register-input.ts';
import { differences, reasonFor } from './compare.ts';

const law = loadLaw();
const year = (aar: number, over: Partial<AreaYear> = {}): AreaYear => ({
  aar,
  beboere: 1000 + aar - 2020,
  beboere_18_64: 600,
  beboere_65_plus: 100,
  uden_for_arbejde_pct: 30 + (aar - 2020),
  doemte_pct: 1 + (aar - 2020) / 10,
  kun_grundskole_pct: 40 + (aar - 2020),
  indkomst_pct_af_region: 70 - (aar - 2020),
  ikke_vestlige_pct: 20 + (aar - 2020),
  ...over,
});
const national = new Map([2019, 2020, 2021, 2022, 2023].map((y) => [y, 0.7 + (y - 2019) / 100]));

describe('register key figures as area-indicator rows', () => {
  it('the list of 1 December L uses the data years L-2 and L-1 (method parameter) and residents at 1 January L', () => {
    expect(dataYears(2024, law)).toEqual([2022, 2023]);
    const { rows, mangler } = indicatorsFromFigures([{ kode: 'A', navn: 'A-parken', kommunekode: '0230', years: [2020, 2021, 2022, 2023, 2024].map((y) => year(y)) }], national, law);
    expect(mangler).toEqual([]);
    expect(rows.map((r) => r.listeaar)).toEqual([2022, 2023, 2024]);
    expect(rows[2]).toEqual({
      listeaar: 2024,
      omraade_kode: 'A',
      omraade_navn: 'A-parken',
      kommunekode: 230,
      beboere: 1004, // 1 January 2024
      ikkevestlige_pct: 23, // latest data year 2023
      udenfor_pct_aar1: 32,
      udenfor_pct_aar2: 33,
      doemte_pct_aar1: 1.2,
      doemte_pct_aar2: 1.3,
      doemte_landsgns_pct_aar1: 0.73,
      doemte_landsgns_pct_aar2: 0.74,
      grundskole_pct: 43,
      indkomst_pct_af_region: 67,
    });
    // With the other reading (latest data year = the list year itself) the same figures give other list years.
    const same = withOverrides(law, { metode_seneste_dataaar_foer_listeaar: 0 });
    expect(indicatorsFromFigures([{ kode: 'A', navn: 'A', kommunekode: '0230', years: [2020, 2021].map((y) => year(y)) }], national, same).rows.map((r) => r.listeaar)).toEqual([2021]);
  });

  it('never guesses: a missing figure or national average names the area-year and what is missing', () => {
    const years = [2021, 2022, 2023, 2024].map((y) => year(y, y === 2022 ? { doemte_pct: null } : y === 2024 ? { beboere: null } : {}));
    const { rows, mangler } = indicatorsFromFigures([{ kode: 'B', navn: 'B-byen', kommunekode: '0230', years }], new Map([...national].filter(([y]) => y !== 2021)), law);
    expect(rows).toEqual([]);
    expect(mangler).toEqual([
      { omraade_kode: 'B', omraade_navn: 'B-byen', listeaar: 2023, felter: ['dømte 2022', 'landsgennemsnit for dømte 2021'] },
      { omraade_kode: 'B', omraade_navn: 'B-byen', listeaar: 2024, felter: ['beboere pr. 1. januar 2024', 'dømte 2022'] },
    ]);
  });

  it('skips list years before any rule is in force', () => {
    const { rows } = indicatorsFromFigures([{ kode: 'C', navn: 'C', kommunekode: '0230', years: [2009, 2010, 2011, 2012, 2013].map((y) => year(y)) }], new Map([2011, 2012].map((y) => [y, 0.7])), law);
    expect(rows.map((r) => r.listeaar)).toEqual([2013]);
  });
});

describe('differences from the published lists', () => {
  const base = { listeaar: 2024, omraade_kode: 'D', omraade_navn: 'D-parken', kommunekode: 230, beboere: 1500, ikkevestlige_pct: 40, udenfor_pct_aar1: 45, udenfor_pct_aar2: 45, doemte_pct_aar1: 1, doemte_pct_aar2: 1, doemte_landsgns_pct_aar1: 0.7, doemte_landsgns_pct_aar2: 0.7, grundskole_pct: 50, indkomst_pct_af_region: 60 };

  it('gives the criterion near its threshold as the reason, and says so when no reason is known', () => {
    // Convicted 2.0 % against 3 x 0.7 = 2.1 %: 0.1 from the threshold decides udsat.
    const near = classify([{ ...base, doemte_pct_aar1: 2, doemte_pct_aar2: 2 }], '2024-12-01', law)[0];
    expect(near.kategorier).toEqual(['forebyggelsesomraade']);
    const r = reasonFor(near, [], ['udsat']);
    expect(r.kendt).toBe(true);
    expect(r.aarsag).toContain('landsgennemsnittet');
    const clear = classify([{ ...base, doemte_pct_aar1: 0.5, doemte_pct_aar2: 0.5, udenfor_pct_aar1: 20, udenfor_pct_aar2: 20 }], '2024-12-01', law)[0];
    expect(reasonFor(clear, [], ['udsat'])).toMatchObject({ kendt: false });
    // A § 61 b criterion near its threshold does not explain a difference on the udsat list.
    const nearB = classify([{ ...base, doemte_pct_aar1: 1.38, doemte_pct_aar2: 1.38, udenfor_pct_aar1: 20, udenfor_pct_aar2: 20 }], '2024-12-01', law)[0];
    expect(reasonFor(nearB, [], ['udsat'])).toMatchObject({ kendt: false });
    expect(reasonFor(nearB, [], ['forebyggelsesomraade']).aarsag).toContain('§ 61 b, nr. 2');
  });

  it('only compares imported years; an area on the list but not computed is reported with the missing figures', () => {
    const k = classify([base], '2024-12-01', law);
    const pub = { years: [{ listeaar: 2024 }], rows: [{ listeaar: 2024, omraade_kode: 'E', omraade_navn: 'E-vej', kommunekode: '0230', kategori: 'udsat' as const }] };
    const d = differences(k, [{ omraade_kode: 'E', omraade_navn: 'E-vej', listeaar: 2024, felter: ['dømte 2023'] }], pub);
    expect(d.map((x) => [x.omraade_kode, x.kun_beregnet, x.kun_offentliggjort])).toEqual([
      ['D', k[0].kategorier, []],
      ['E', [], ['udsat']],
    ]);
    expect(d[1].aarsag).toBe('Mangler tal: dømte 2023.');
    expect(differences(k, [], { years: [{ listeaar: 2023 }], rows: [] })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { loadLaw, paramsFrom, type LawParam } from '../../law/params.ts';
import { classify, type OmraadeIndikatorer } from '../../rules/abl-61a.ts';
import { aggregatePersons, aggregatePersonsFile, hverdage, parseReference, personColumns, type ReferenceData } from './persons.ts';

const law = loadLaw();

interface Person {
  aar: number;
  omraade_kode: string;
  omraade_navn: string;
  kommunekode: number;
  alder: number;
  udenfor_timer: number | string;
  doemt: number;
  uddannelse: string;
  studerende: number;
  skattepligtig: number;
  bruttoindkomst: number | string;
  oprindelse: string;
}

const base: Person = {
  aar: 2021,
  omraade_kode: 'A1',
  omraade_navn: 'Testparken',
  kommunekode: 461, // Odense, Region Syddanmark (1083)
  alder: 40,
  udenfor_timer: 0,
  doemt: 0,
  uddannelse: 'hoejere',
  studerende: 0,
  skattepligtig: 1,
  bruttoindkomst: 300000,
  oprindelse: 'dansk',
};
const p = (o: Partial<Person>): Person => ({ ...base, ...o });
/** The same persons in both data years of a list (aar1 and aar2). */
const both = (years: [number, number], persons: Partial<Person>[]) => years.flatMap((aar) => persons.map((o) => p({ ...o, aar })));

function csv(persons: Person[], sep = ',', eol = '\n'): string {
  return [personColumns.join(sep), ...persons.map((x) => personColumns.map((c) => String(x[c])).join(sep))].join(eol) + eol;
}

const regionIncome = { 1081: 280000, 1082: 290000, 1083: 300000, 1084: 350000, 1085: 285000 };
function referenceCsv(years = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]): string {
  const lines = ['aar;regionskode;indkomst_gns;doemte_landsgns_pct'];
  for (const y of years) for (const [r, inc] of Object.entries(regionIncome)) lines.push(`${y};${r};${inc};0,7`);
  return lines.join('\n') + '\n';
}
const ref: ReferenceData = parseReference(Buffer.from(referenceCsv())).reference;

function agg(persons: Person[], params = law, reference = ref) {
  return aggregatePersons(Buffer.from(csv(persons)), reference, params);
}
function row(persons: Person[], listeaar: number, kode = 'A1', params = law): OmraadeIndikatorer {
  const r = agg(persons, params);
  expect(r.errors).toEqual([]);
  const x = r.rows.find((y) => y.listeaar === listeaar && y.omraade_kode === kode);
  expect(x, `row ${kode} ${listeaar}`).toBeDefined();
  return x!;
}

describe('hverdage', () => {
  it('counts Monday-Friday: 260, 261 or 262 a year', () => {
    expect(hverdage(2019)).toBe(261);
    expect(hverdage(2020)).toBe(262); // leap year starting on a Wednesday
    expect(hverdage(2021)).toBe(261);
    expect(hverdage(2022)).toBe(260);
    expect(hverdage(2024)).toBe(262);
  });
});

describe('the method parameters (law/abl/61a)', () => {
  it('are dated and marked as RULES.md says', () => {
    expect(law.param('udenfor_timer_pr_hverdag', '2024-12-01')).toBe(7.4);
    expect(law.version('udenfor_timer_pr_hverdag', '2024-12-01').verified).toBe('VERIFIED');
    expect(law.param('metode_seneste_dataaar_foer_listeaar', '2018-12-01')).toBe(1);
    expect(law.version('metode_seneste_dataaar_foer_listeaar', '2018-12-01').verified).toBe('UNVERIFIED');
    expect(law.version('grundskole_uoplyst_medregnes', '2018-11-30')).toMatchObject({ value: true, verified: 'VERIFIED', from: '2013-12-01' });
    expect(law.version('grundskole_uoplyst_medregnes', '2018-12-01')).toMatchObject({ value: true, verified: 'UNVERIFIED', from: '2018-12-01' });
    expect(() => law.param('udenfor_timer_pr_hverdag', '2013-11-30')).toThrow(/udenfor_timer_pr_hverdag/);
  });
});

describe('aggregatePersons: golden cases by hand', () => {
  it('RULES.md 1.7: 3 months on kontanthjælp = 0.25 fuldtidsperson (0.25 x 7.4 x 261 hours in 2021)', () => {
    const persons = [p({ aar: 2021, udenfor_timer: 482.85 }), p({ aar: 2022 })];
    const r = row(persons, 2023);
    expect(r.udenfor_pct_aar1).toBeCloseTo(25, 9);
    expect(r.udenfor_pct_aar2).toBe(0);
  });

  it('a full year of 7.4 x 261 hours is one fuldtidsperson in a 261-day year, less in a 262-day year; more is capped at 1', () => {
    // list 2021: data years 2019 (261 weekdays) and 2020 (262 weekdays)
    const persons = [p({ aar: 2019, udenfor_timer: 1931.4 }), p({ aar: 2020, udenfor_timer: 1931.4 })];
    const r = row(persons, 2021);
    expect(r.udenfor_pct_aar1).toBeCloseTo(100, 9);
    expect(r.udenfor_pct_aar2).toBeCloseTo((1931.4 / (7.4 * 262)) * 100, 9);
    expect(r.udenfor_pct_aar2).toBeCloseTo(99.6183, 4);
    const capped = row([p({ aar: 2019, udenfor_timer: 3000 }), p({ aar: 2019 }), p({ aar: 2020, udenfor_timer: 2500 })], 2021);
    expect(capped.udenfor_pct_aar1).toBeCloseTo(50, 9);
    expect(capped.udenfor_pct_aar2).toBeCloseTo(100, 9);
  });

  it('udenfor counts ages 18-64: a 64-year-old is in, a 65-year-old and a 17-year-old are not', () => {
    const full = 7.4 * 261;
    const persons = both([2021, 2022], [
      { alder: 64, udenfor_timer: full },
      { alder: 65, udenfor_timer: full },
      { alder: 17, udenfor_timer: full },
      { alder: 18, udenfor_timer: full },
      { alder: 40 },
    ]);
    const r = row(persons, 2023);
    expect(r.udenfor_pct_aar1).toBeCloseTo((2 / 3) * 100, 9); // 2021: 64 and 18 of 64, 18 and 40
    expect(r.udenfor_pct_aar2).toBeCloseTo((2 / 3) * 100, 9); // 2022 has 260 weekdays: 7.4 x 261 hours is capped at 1
  });

  it('convicted: share of residents 18+; a convicted 17-year-old does not count, a convicted 18-year-old does', () => {
    const r = row(both([2021, 2022], [{ alder: 17, doemt: 1 }, { alder: 18, doemt: 1 }, { alder: 40 }, { alder: 70 }]), 2023);
    expect(r.doemte_pct_aar1).toBeCloseTo((1 / 3) * 100, 9);
    expect(r.doemte_pct_aar2).toBeCloseTo((1 / 3) * 100, 9);
    expect(r.doemte_landsgns_pct_aar1).toBe(0.7);
  });

  it('income: mean of taxpayers 15-64 who are not students, over the region of the municipality', () => {
    const persons = both([2021, 2022], [
      { alder: 30, bruttoindkomst: 200000 },
      { alder: 30, studerende: 1, bruttoindkomst: 50000 },
      { alder: 30, skattepligtig: 0, bruttoindkomst: 10000 },
      { alder: 14, bruttoindkomst: 1000 },
      { alder: 65, bruttoindkomst: 90000 },
      { alder: 15, bruttoindkomst: 100000 },
      { alder: 64, bruttoindkomst: 0 },
    ]);
    // (200000 + 100000 + 0) / 3 = 100000 over Region Syddanmark's 300000
    expect(row(persons, 2023).indkomst_pct_af_region).toBeCloseTo((100000 / 300000) * 100, 9);
    // Ballerup (0151) lies in Region Hovedstaden (350000)
    expect(row(persons.map((x) => ({ ...x, kommunekode: 151 })), 2023).indkomst_pct_af_region).toBeCloseTo((100000 / 350000) * 100, 9);
  });

  it('grundskole: ages 30-59; uoplyst counts while grundskole_uoplyst_medregnes is true, on both sides of 1 December 2018', () => {
    const persons = (years: [number, number]) =>
      both(years, [{ alder: 30, uddannelse: 'grundskole' }, { alder: 59, uddannelse: 'uoplyst' }, { alder: 45 }, { alder: 60, uddannelse: 'grundskole' }, { alder: 29, uddannelse: 'grundskole' }]);
    // list 2017 (2013 rules, VERIFIED "inkl. uoplyst") and list 2018 (UNVERIFIED belief): 2 of 3
    expect(row(persons([2015, 2016]), 2017).grundskole_pct).toBeCloseTo((2 / 3) * 100, 9);
    expect(row(persons([2016, 2017]), 2018).grundskole_pct).toBeCloseTo((2 / 3) * 100, 9);
    // a what-if where uoplyst stops counting from 1 December 2018: 1 of 3 from the 2018 list, 2 of 3 before
    const all = [...(law.all.values() as Iterable<LawParam>)].map((x) =>
      x.name === 'grundskole_uoplyst_medregnes' ? { ...x, versions: x.versions.map((v) => (v.from === '2018-12-01' ? { ...v, value: false } : v)) } : x,
    );
    const whatIf = paramsFrom(all);
    expect(row(persons([2015, 2016]), 2017, 'A1', whatIf).grundskole_pct).toBeCloseTo((2 / 3) * 100, 9);
    expect(row(persons([2016, 2017]), 2018, 'A1', whatIf).grundskole_pct).toBeCloseTo((1 / 3) * 100, 9);
    expect(agg(persons([2016, 2017]), whatIf).parametre.find((v) => v.name === 'grundskole_uoplyst_medregnes')).toMatchObject({ value: false, verified: 'UNVERIFIED' });
  });

  it('non-western share and beboere come from the latest data year (it stands for 1 January of the list year)', () => {
    const persons = [p({ aar: 2021, oprindelse: 'ikkevestlig' }), p({ aar: 2022, oprindelse: 'ikkevestlig' }), p({ aar: 2022, oprindelse: 'vestlig' }), p({ aar: 2022, alder: 3 })];
    const r = row(persons, 2023);
    expect(r.beboere).toBe(3);
    expect(r.ikkevestlige_pct).toBeCloseTo((1 / 3) * 100, 9);
  });

  it('the list year L uses data years L-2 and L-1; three data years give two list years', () => {
    const r = agg(both([2020, 2021], [{}]).concat([p({ aar: 2022 })]));
    expect(r.errors).toEqual([]);
    expect(r.listeaar).toEqual([2022, 2023]);
    expect(r.dataaar).toEqual([2020, 2021, 2022]);
    expect(r.parametre.map((v) => v.name)).toEqual(['grundskole_uoplyst_medregnes', 'metode_seneste_dataaar_foer_listeaar', 'udenfor_timer_pr_hverdag']);
  });

  /** An area of 1,000 residents: 600 aged 18-64 (40 years), 400 children; `outside` of the 600 are outside all year. */
  function area(aar: number, outside: number): Person[] {
    const full = 7.4 * hverdage(aar);
    return [
      ...Array.from({ length: 600 }, (_, i) => p({ aar, udenfor_timer: i < outside ? full : 0, bruttoindkomst: 150000 })),
      ...Array.from({ length: 400 }, () => p({ aar, alder: 10, bruttoindkomst: 0 })),
    ];
  }
  it('aggregation then classification: udenfor 40 % on average is not met, 40.08 % is (§ 61 a, stk. 1, nr. 1, "overstiger")', () => {
    // income 150000 / 300000 = 50 % of the region: criterion 4 is met in both cases
    const at = classify(agg([...area(2022, 240), ...area(2023, 240)]).rows, '2024-12-01', law)[0];
    expect(at.udsat!.kriterier.find((k) => k.id === 'udenfor')).toMatchObject({ vaerdi: 40, opfyldt: false });
    expect(at.kategorier).toEqual([]);
    const over = classify(agg([...area(2022, 240), ...area(2023, 241)]).rows, '2024-12-01', law)[0];
    expect(over.udsat!.kriterier.find((k) => k.id === 'udenfor')!.vaerdi).toBeCloseTo(40.083333333, 8);
    expect(over.kategorier).toEqual(['udsat']);
    expect(over.beboere).toMatchObject({ vaerdi: 1000, opfyldt: true });
  });
});

describe('aggregatePersons: file format', () => {
  it('reads semicolons, decimal comma, CRLF, a BOM, quoted fields and windows-1252 text', () => {
    const persons = [p({ aar: 2021, omraade_navn: 'Søndergård; syd', udenfor_timer: '482,85' }), p({ aar: 2022, omraade_navn: 'Søndergård; syd', bruttoindkomst: '"300.000"' })];
    const text = csv(persons, ';', '\r\n').replaceAll('Søndergård; syd', '"Søndergård; syd"');
    for (const buf of [Buffer.from('\uFEFF' + text), iconv.encode(text, 'win1252')]) {
      const r = aggregatePersons(buf, ref, law);
      expect(r.errors).toEqual([]);
      expect(r.rows[0]).toMatchObject({ omraade_navn: 'Søndergård; syd', listeaar: 2023 });
      expect(r.rows[0].udenfor_pct_aar1).toBeCloseTo(25, 9);
      expect(r.rows[0].indkomst_pct_af_region).toBeCloseTo(100, 9);
    }
  });

  it('a comma in any number cell makes the file decimal comma, also for cells read before it ("1.234" = 1234)', () => {
    const persons = [p({ aar: 2021, udenfor_timer: '1.234' }), p({ aar: 2022, udenfor_timer: '"1234,0"' })];
    const r = agg(persons);
    expect(r.errors).toEqual([]);
    expect(r.rows[0].udenfor_pct_aar1).toBeCloseTo((1234 / (7.4 * 261)) * 100, 9);
    // without a comma anywhere, '1.234' is 1.234 hours
    const r2 = agg([p({ aar: 2021, udenfor_timer: '1.234' }), p({ aar: 2022 })]);
    expect(r2.rows[0].udenfor_pct_aar1).toBeCloseTo((1.234 / (7.4 * 261)) * 100, 9);
    // and a decimal point in a decimal-comma file is an error
    const r3 = agg([p({ aar: 2021, udenfor_timer: '12.5' }), p({ aar: 2022, udenfor_timer: '"1,5"' })]);
    expect(r3.errors).toEqual(['Linje 2, kolonne udenfor_timer: "12.5" er ikke et tal.']);
  });

  it('gives one Danish error per bad cell with line and column, and computes nothing', () => {
    const persons = [
      p({}),
      p({ alder: 'x' as never }),
      p({ uddannelse: 'phd', doemt: 2 }),
      p({ kommunekode: 998 }),
      p({ omraade_kode: '' }),
      p({ omraade_navn: 'Andet navn' }),
      p({ bruttoindkomst: '12.5', oprindelse: 'svensk' }),
      p({ udenfor_timer: -3 }),
      p({ udenfor_timer: 9000 }),
      p({ aar: 1890 }),
      p({ skattepligtig: '' as never }),
      p({ aar: 2022 }),
    ];
    const text = csv(persons) + '2022,A1,Testparken,461\n';
    const r = aggregatePersons(Buffer.from(text), ref, law);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([
      'Linje 3, kolonne alder: "x" er ikke et tal.',
      'Linje 4, kolonne doemt: "2" skal være 0 eller 1.',
      'Linje 4, kolonne uddannelse: "phd" skal være grundskole, uoplyst eller hoejere.',
      'Linje 5, kolonne kommunekode: 998 er ikke en kendt kommunekode.',
      'Linje 6, kolonne omraade_kode: områdekoden mangler.',
      'Linje 7, kolonne omraade_navn: område A1 hedder "Testparken" på linje 2, her "Andet navn".',
      'Linje 8, kolonne bruttoindkomst: "12.5" skal være et helt antal kroner.',
      'Linje 8, kolonne oprindelse: "svensk" skal være dansk, vestlig eller ikkevestlig.',
      'Linje 9, kolonne udenfor_timer: -3 timer kan ikke være negativt.',
      'Linje 10, kolonne udenfor_timer: 9000 timer er flere, end året 2021 har (8760).',
      'Linje 11, kolonne aar: dataåret 1890 er ikke et gyldigt år.',
      'Linje 12, kolonne skattepligtig: "" skal være 0 eller 1.',
      'Linje 14: 4 felter, men overskriften har 12.',
    ]);
    expect(r.errorCount).toBe(13);
  });

  it('names missing and duplicate columns, and an empty file', () => {
    expect(aggregatePersons(Buffer.from('aar,omraade_kode\n2021,A\n'), ref, law).errors[0]).toMatch(/^Linje 1: kolonne\(r\) mangler: omraade_navn, kommunekode, alder/);
    expect(aggregatePersons(Buffer.from(personColumns.join(',') + ',aar\n'), ref, law).errors).toEqual(['Linje 1: kolonne(r) optræder to gange: aar.']);
    expect(aggregatePersons(Buffer.from(''), ref, law).errors).toEqual(['Filen er tom.']);
    expect(aggregatePersons(Buffer.from(personColumns.join(',') + '\n'), ref, law).errors).toEqual(['Filen har ingen rækker under overskriften.']);
  });

  it('an area-year without residents in a population is a Danish error, not NaN', () => {
    const r = agg([...both([2021, 2022], [{ alder: 25 }]), p({ omraade_kode: 'B2', omraade_navn: 'Børneparken', aar: 2021, alder: 5 }), p({ omraade_kode: 'B2', omraade_navn: 'Børneparken', aar: 2022, alder: 70, skattepligtig: 0 })]);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([
      'Område A1 (Testparken), dataår 2022: ingen beboere på 30-59 år, så andelen med kun grundskoleuddannelse kan ikke beregnes.',
      'Område B2 (Børneparken), dataår 2021: ingen beboere på 18 år eller derover, så andelene uden tilknytning til arbejdsmarked eller uddannelse og af dømte kan ikke beregnes.',
      'Område B2 (Børneparken), dataår 2022: ingen beboere på 18-64 år, så andelen uden tilknytning til arbejdsmarked eller uddannelse kan ikke beregnes.',
      'Område B2 (Børneparken), dataår 2022: ingen beboere på 30-59 år, så andelen med kun grundskoleuddannelse kan ikke beregnes.',
      'Område B2 (Børneparken), dataår 2022: ingen skattepligtige på 15-64 år uden for uddannelse, så den gennemsnitlige bruttoindkomst kan ikke beregnes.',
    ]);
  });

  it('names missing data years, reference figures and rules', () => {
    expect(agg([p({ aar: 2022 })]).errors).toEqual(['Dataåret 2022 indgår ikke i nogen liste: en liste bruger to på hinanden følgende dataår, og hverken 2021 eller 2023 findes i filen.']);
    expect(agg([p({ aar: 2021 }), p({ aar: 2022 }), p({ aar: 2022, omraade_kode: 'C3', omraade_navn: 'Ny' })]).errors).toEqual([
      'Område C3 (Ny): ingen personer i dataåret 2021, som listeåret 2023 bruger (dataårene 2021 og 2022).',
    ]);
    const noRef = parseReference(Buffer.from('aar,regionskode,indkomst_gns,doemte_landsgns_pct\n2021,1083,,0.7\n')).reference;
    expect(agg([p({ aar: 2021 }), p({ aar: 2022 })], law, noRef).errors).toEqual([
      'Referencefilen har intet doemte_landsgns_pct for 2022, som listeåret 2023 bruger.',
      'Referencefilen har ingen indkomst_gns for region 1083 (Region Syddanmark) i 2022, som listeåret 2023 bruger (fx område A1, kommune 461).',
    ]);
    expect(agg([p({ aar: 2010 }), p({ aar: 2011 })]).errors).toEqual([
      'Dataårene 2010 og 2011: Parameteren metode_seneste_dataaar_foer_listeaar har ingen værdi i kraft 2012-12-01 (gælder [2013-12-01, …)).',
    ]);
    // the first list with the method: 1 December 2013 uses 2011 and 2012
    const ref2011 = parseReference(Buffer.from(referenceCsv([2011, 2012]))).reference;
    expect(agg([p({ aar: 2011 }), p({ aar: 2012 })], law, ref2011)).toMatchObject({ errors: [], listeaar: [2013] });
  });

  it('keeps at most MAX_ERRORS lines and counts the rest', () => {
    const r = agg(Array.from({ length: 1200 }, () => p({ alder: -1 })));
    expect(r.errorCount).toBe(1200);
    expect(r.errors).toHaveLength(1001);
    expect(r.errors.at(-1)).toBe('… og 200 fejl mere.');
  });
});

describe('parseReference', () => {
  it('reads aar;regionskode;indkomst_gns;doemte_landsgns_pct with an empty income allowed', () => {
    const r = parseReference(Buffer.from('aar;regionskode;indkomst_gns;doemte_landsgns_pct\n2022;1084;412.345,5;0,725\n2022;1081;;0,725\n'));
    expect(r.errors).toEqual([]);
    expect(r.reference.indkomst.get('2022:1084')).toBe(412345.5);
    expect(r.reference.indkomst.has('2022:1081')).toBe(false);
    expect(r.reference.doemte.get(2022)).toBe(0.725);
  });
  it('gives one Danish error per bad cell, a duplicate and a national average that differs within a year', () => {
    const r = parseReference(Buffer.from('aar,regionskode,indkomst_gns,doemte_landsgns_pct\n2022,1099,300000,0.7\n2022,1084,-1,0\n2022,1084,1,0.7\n2022,1084,1,0.7\n2022,1083,1,0.8\n'));
    expect(r.errors).toEqual([
      'Linje 2, kolonne regionskode: 1099 er ikke en regionskode (1081-1085).',
      'Linje 3, kolonne indkomst_gns: gennemsnitsindkomsten skal være over 0 kr.',
      'Linje 3, kolonne doemte_landsgns_pct: 0 er ikke en procent over 0 og højst 100.',
      'Linje 5: region 1084 har allerede en række for 2022 (linje 4).',
      'Linje 6, kolonne doemte_landsgns_pct: landsgennemsnittet for 2022 er 0.7 på linje 4; det skal være det samme i alle rækker for året.',
    ]);
  });
});

/** The method written plainly over person objects: the reference the byte parser is checked against. */
function naive(persons: Person[], listeaar: number): Map<string, OmraadeIndikatorer> {
  const y2 = listeaar - 1;
  const y1 = y2 - 1;
  const out = new Map<string, OmraadeIndikatorer>();
  const pct = (xs: Person[], num: (x: Person) => number) => (xs.reduce((s, x) => s + num(x), 0) / xs.length) * 100;
  for (const kode of new Set(persons.map((x) => x.omraade_kode))) {
    const of = (y: number) => persons.filter((x) => x.omraade_kode === kode && x.aar === y);
    const a1 = of(y1);
    const a2 = of(y2);
    const fuld = (x: Person) => Math.min(1, Number(x.udenfor_timer) / (7.4 * hverdage(x.aar)));
    const adult = (xs: Person[]) => xs.filter((x) => x.alder >= 18);
    const work = (xs: Person[]) => xs.filter((x) => x.alder >= 18 && x.alder <= 64);
    const mid = a2.filter((x) => x.alder >= 30 && x.alder <= 59);
    const inc = a2.filter((x) => x.alder >= 15 && x.alder <= 64 && x.skattepligtig === 1 && x.studerende === 0);
    out.set(kode, {
      listeaar,
      omraade_kode: kode,
      omraade_navn: a2[0].omraade_navn,
      kommunekode: a2[0].kommunekode,
      beboere: a2.length,
      ikkevestlige_pct: pct(a2, (x) => Number(x.oprindelse === 'ikkevestlig')),
      udenfor_pct_aar1: pct(work(a1), fuld),
      udenfor_pct_aar2: pct(work(a2), fuld),
      doemte_pct_aar1: pct(adult(a1), (x) => x.doemt),
      doemte_pct_aar2: pct(adult(a2), (x) => x.doemt),
      doemte_landsgns_pct_aar1: 0.7,
      doemte_landsgns_pct_aar2: 0.7,
      grundskole_pct: pct(mid, (x) => Number(x.uddannelse !== 'hoejere')),
      indkomst_pct_af_region: (inc.reduce((s, x) => s + Number(x.bruttoindkomst), 0) / inc.length / regionIncome[1083]) * 100,
    });
  }
  return out;
}

function expectSameRows(a: OmraadeIndikatorer[], b: OmraadeIndikatorer[]) {
  expect(a.map((r) => `${r.listeaar} ${r.omraade_kode} ${r.omraade_navn} ${r.kommunekode} ${r.beboere}`)).toEqual(b.map((r) => `${r.listeaar} ${r.omraade_kode} ${r.omraade_navn} ${r.kommunekode} ${r.beboere}`));
  a.forEach((r, i) => {
    for (const [k, v] of Object.entries(r)) if (typeof v === 'number') expect(v, `${r.omraade_kode} ${k}`).toBeCloseTo((b[i] as unknown as Record<string, number>)[k], 9);
  });
}

describe('properties', () => {
  const areas = [
    { omraade_kode: 'A1', omraade_navn: 'Æbleparken' },
    { omraade_kode: 'B2', omraade_navn: 'Birkevænget, syd' },
    { omraade_kode: 'C3', omraade_navn: 'Ege "gården"' },
  ];
  const personArb = fc.record({
    aar: fc.constantFrom(2021, 2022),
    area: fc.constantFrom(...areas),
    alder: fc.integer({ min: 0, max: 99 }),
    udenfor_timer: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 300000 }).map((x) => x / 100)),
    doemt: fc.integer({ min: 0, max: 1 }),
    uddannelse: fc.constantFrom('grundskole', 'uoplyst', 'hoejere'),
    studerende: fc.integer({ min: 0, max: 1 }),
    skattepligtig: fc.integer({ min: 0, max: 1 }),
    bruttoindkomst: fc.integer({ min: 0, max: 2_000_000 }),
    oprindelse: fc.constantFrom('dansk', 'vestlig', 'ikkevestlig'),
  });
  // every area-year has one 40-year-old taxpayer, so every population has someone in it
  const anchors = areas.flatMap((a) => [2021, 2022].map((aar) => p({ ...a, aar })));
  type Drawn = typeof personArb extends fc.Arbitrary<infer T> ? T : never;
  const toPerson = ({ area: a, ...x }: Drawn) => p({ ...a, ...x });
  const quoted = (persons: Person[]) => csv(persons).replaceAll('Birkevænget, syd', '"Birkevænget, syd"').replaceAll('Ege "gården"', '"Ege ""gården"""');

  it('shuffled records, any chunking: the same rows, equal to the method written plainly', () => {
    fc.assert(
      fc.property(fc.array(personArb, { maxLength: 60 }), fc.nat(), fc.integer({ min: 1, max: 64 }), (drawn, seed, chunk) => {
        const persons = [...anchors, ...drawn.map(toPerson)];
        const shuffled = [...persons];
        let s = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1103515245) + 12345) >>> 0;
          const j = s % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const a = aggregatePersons(Buffer.from(quoted(persons)), ref, law);
        const bytes = Buffer.from(quoted(shuffled));
        const b = aggregatePersons(() => (function* () {
          for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
        })(), ref, law);
        expect(a.errors).toEqual([]);
        expect(b.errors).toEqual([]);
        expectSameRows(b.rows, a.rows);
        const plain = naive(persons, 2023);
        expectSameRows(a.rows, [...plain.values()].sort((x, y) => x.omraade_kode.localeCompare(y.omraade_kode)));
      }),
      { numRuns: 150 },
    );
  });
});

describe('aggregatePersonsFile: a file split over worker threads', () => {
  it('gives the same rows as one thread, and falls back to one thread for true line numbers on an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'almen-personer-'));
    try {
      const persons = both([2021, 2022], Array.from({ length: 400 }, (_, i) => ({ alder: i % 90, udenfor_timer: (i * 37) % 2000, doemt: i % 13 === 0 ? 1 : 0, omraade_kode: `K${i % 7}`, omraade_navn: `Område ${i % 7}` })));
      const file = join(dir, 'p.csv');
      writeFileSync(file, csv(persons));
      const one = aggregatePersons(Buffer.from(csv(persons)), ref, law);
      const two = await aggregatePersonsFile(file, ref, law, { threads: 3, minParallelBytes: 0 });
      expect(two.errors).toEqual([]);
      expect(two.traade).toBe(3);
      expect(two.personer).toBe(800);
      expectSameRows(two.rows, one.rows);
      // two aggregations at the same time share the worker threads one after the other
      const other = join(dir, 'q.csv');
      writeFileSync(other, csv(persons.slice(0, 400).concat(persons.slice(400).map((x) => ({ ...x, doemt: 1 })))));
      const [x1, x2] = await Promise.all([file, other].map((f) => aggregatePersonsFile(f, ref, law, { threads: 2, minParallelBytes: 0 })));
      expectSameRows(x1.rows, one.rows);
      expect(x2.rows.every((r) => r.doemte_pct_aar2 === 100)).toBe(true);
      // small reads: records cut at every place, and a buffer that must grow for a long record
      for (const chunkBytes of [16, 37, 100]) {
        const small = await aggregatePersonsFile(file, ref, law, { threads: 2, minParallelBytes: 0, chunkBytes });
        expect(small.traade).toBe(2);
        expectSameRows(small.rows, one.rows);
        expectSameRows(aggregatePersons(file, ref, law, chunkBytes).rows, one.rows);
      }

      const bad = [...persons];
      bad[700] = { ...bad[700], alder: -4 };
      writeFileSync(file, csv(bad));
      const r = await aggregatePersonsFile(file, ref, law, { threads: 2, minParallelBytes: 0 });
      expect(r.traade).toBe(1);
      expect(r.errors).toEqual(['Linje 702, kolonne alder: "-4" er ikke en alder (et helt tal fra 0 til 130).']);

      // a split that falls inside a quoted field with line breaks: read again on one thread
      const long = Array.from({ length: 300 }, (_, i) => `linje ${i}`).join('\n');
      const rows = [...both([2021, 2022], [{}]).slice(0, 1), ...both([2021, 2022], [{ omraade_kode: 'L', omraade_navn: 'LONG' }]), ...both([2021, 2022], [{}]).slice(1)];
      writeFileSync(file, csv(rows).replaceAll('LONG', `"${long}"`));
      const q = await aggregatePersonsFile(file, ref, law, { threads: 2, minParallelBytes: 0 });
      expect(q.errors).toEqual([]);
      expect(q.traade).toBe(1);
      expect(q.rows.map((x) => x.omraade_navn)).toEqual(['Testparken', long]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

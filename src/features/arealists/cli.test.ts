import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { columns, listerCommand, parseIndicators, type ListerIo } from './cli.ts';
import { parseNumber } from './csv.ts';
import { aggregatePersons, hverdage, parseReference, personColumns } from './persons.ts';
import { loadLaw } from '../../law/params.ts';

function io(): ListerIo & { stdout: string[]; stderr: string[] } {
  const x = { stdout: [] as string[], stderr: [] as string[], out: (l: string) => x.stdout.push(l), err: (l: string) => x.stderr.push(l) };
  return x;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'almen-lister-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// listeaar, omraade_kode, omraade_navn, kommunekode, beboere, ikkevestlige, udenfor1, udenfor2, doemte1, doemte2,
// landsgns1, landsgns2, grundskole, indkomst
const parallel = (y: number) => [y, 'A1', 'Testparken', 461, 2500, 60, 45, 45, 0.5, 0.5, 0.7, 0.7, 30, 50];
const plain = (y: number) => [y, 'B2', 'Roligvej', 461, 1500, 10, 20, 20, 0.5, 0.5, 0.7, 0.7, 30, 80];

function csv(rows: (string | number)[][], sep = ',', decimalComma = false): string {
  const cell = (v: string | number) => (typeof v === 'number' && decimalComma ? String(v).replace('.', ',') : String(v));
  return [columns.join(sep), ...rows.map((r) => r.map(cell).join(sep))].join('\r\n') + '\r\n';
}

describe('parseNumber', () => {
  it('reads decimal point, decimal comma and Danish thousands', () => {
    expect(parseNumber('40.5', false)).toBe(40.5);
    expect(parseNumber('40,5', true)).toBe(40.5);
    expect(parseNumber('1.234', true)).toBe(1234);
    expect(parseNumber('1.234,5', true)).toBe(1234.5);
    expect(parseNumber('4.5', true)).toBeNull();
    expect(parseNumber('abc', false)).toBeNull();
    expect(parseNumber('', false)).toBeNull();
  });
});

describe('almen lister', () => {
  it('prints one JSON array with listeaar, omraade_kode and kategorier per area and list year', async () => {
    const f = join(dir, 'a.csv');
    writeFileSync(f, csv([2018, 2019, 2020, 2021, 2022].flatMap((y) => [parallel(y), plain(y)])));
    const x = io();
    expect(await listerCommand(['--input', f, '--json'], x)).toBe(0);
    expect(x.stdout).toHaveLength(1);
    const arr = JSON.parse(x.stdout[0]) as { listeaar: number; omraade_kode: string; kategorier: string[] }[];
    expect(arr).toHaveLength(10);
    const a2022 = arr.find((r) => r.listeaar === 2022 && r.omraade_kode === 'A1')!;
    expect(a2022.kategorier).toEqual(['udsat', 'parallelsamfund', 'omdannelsesomraade', 'forebyggelsesomraade']);
    expect(arr.find((r) => r.listeaar === 2018 && r.omraade_kode === 'A1')!.kategorier).toEqual(['udsat', 'parallelsamfund']);
    expect(arr.find((r) => r.listeaar === 2022 && r.omraade_kode === 'B2')!.kategorier).toEqual([]);
    expect(typeof a2022.listeaar).toBe('number');
  });

  it('reads semicolons, decimal comma and windows-1252, and prints a Danish explanation without --json', async () => {
    const f = join(dir, 'b.csv');
    const rows = [[2022, 'A1', 'Søndergårdsparken', 461, '1.000', '50,1', '40,1', '40,1', '0,5', '0,5', '0,7', '0,7', 30, '54,9']];
    writeFileSync(f, iconv.encode(csv(rows, ';'), 'win1252'));
    const x = io();
    expect(await listerCommand(['--input', f], x)).toBe(0);
    expect(x.stdout[0]).toBe('2022 A1 Søndergårdsparken (kommune 461): udsat, parallelsamfund, forebyggelsesomraade');
    expect(x.stdout.join('\n')).toContain('§ 61 a, stk. 4');
    expect(x.stdout.join('\n')).toContain('historikken er for kort');
  });

  it('reads a comma-separated file with quoted decimal commas', () => {
    const text = `${columns.join(',')}\n2022,A1,"Parken, syd",461,1500,"50,1","40,1","40,1","0,5","0,5","0,7","0,7",30,"54,9"\n`;
    const { rows, errors } = parseIndicators(Buffer.from(text));
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ omraade_navn: 'Parken, syd', ikkevestlige_pct: 50.1, indkomst_pct_af_region: 54.9, beboere: 1500 });
  });

  it('the what-if without the ethnic criterion', async () => {
    const f = join(dir, 'c.csv');
    writeFileSync(f, csv([[2022, 'C3', 'X', 461, 1500, 10, 45, 45, 0.5, 0.5, 0.7, 0.7, 30, 50]]));
    const x = io();
    expect(await listerCommand(['--input', f, '--json', '--uden-etnisk-kriterium'], x)).toBe(0);
    expect(JSON.parse(x.stdout[0])[0].kategorier).toEqual(['udsat', 'parallelsamfund', 'forebyggelsesomraade']);
  });

  it('gives one Danish error per bad row and column and exits 1', async () => {
    const f = join(dir, 'd.csv');
    const bad1 = parallel(2022);
    bad1[5] = 'mange';
    const bad2 = plain(2022);
    bad2[4] = '12.5';
    bad2[13] = '';
    writeFileSync(f, csv([bad1, bad2, parallel(2021), parallel(2021)]));
    const x = io();
    expect(await listerCommand(['--input', f, '--json'], x)).toBe(1);
    expect(x.stdout).toEqual([]);
    expect(x.stderr).toContain('Linje 2, kolonne ikkevestlige_pct: "mange" er ikke et tal.');
    expect(x.stderr).toContain('Linje 3, kolonne beboere: "12.5" skal være et helt tal.');
    expect(x.stderr).toContain('Linje 3, kolonne indkomst_pct_af_region: "" er ikke et tal (feltet er tomt).');
    expect(x.stderr).toContain('Linje 5: område A1 har allerede en række for listeår 2021 (linje 4).');
    expect(x.stderr.at(-1)).toMatch(/^4 fejl i .*intet er beregnet\.$/);
  });

  it('names missing columns, a list year without rules, and wrong use', async () => {
    expect(parseIndicators(Buffer.from('listeaar,omraade_kode\n2022,A\n')).errors[0]).toMatch(/^Linje 1: kolonne\(r\) mangler: omraade_navn, kommunekode/);
    const f = join(dir, 'e.csv');
    writeFileSync(f, csv([parallel(2005)]));
    const x = io();
    expect(await listerCommand(['--input', f], x)).toBe(1);
    expect(x.stderr[0]).toMatch(/boligomraade_min_beboere.*2005-12-01/);
    const y = io();
    expect(await listerCommand([], y)).toBe(2);
    expect(await listerCommand(['--input', join(dir, 'findes-ikke.csv')], y)).toBe(2);
  });
});

describe('almen lister --personer --reference', () => {
  // aar, omraade_kode, omraade_navn, kommunekode, alder, udenfor_timer, doemt, uddannelse, studerende, skattepligtig,
  // bruttoindkomst, oprindelse
  type P = (string | number)[];
  /** Area A1: 1,000 residents, 600 aged 40 of whom `outside` are outside all year, income 50 % of the region,
   *  60 % non-western. Area B2: 20 residents, nothing met. */
  function persons(aar: number, outside: number): P[] {
    const full = 7.4 * hverdage(aar);
    const a: P[] = Array.from({ length: 1000 }, (_, i) => [
      aar, 'A1', 'Testparken', 461, i < 600 ? 40 : 8, i < outside ? full : 0, 0, 'hoejere', 0, 1, i < 600 ? 150000 : 0, i % 10 < 6 ? 'ikkevestlig' : 'dansk',
    ]);
    const b: P[] = Array.from({ length: 20 }, () => [aar, 'B2', 'Roligvej', 461, 45, 0, 0, 'hoejere', 0, 1, 400000, 'dansk']);
    return [...a, ...b];
  }
  const personCsv = (rows: P[], sep = ',') => [personColumns.join(sep), ...rows.map((r) => r.join(sep))].join('\n') + '\n';
  const referenceCsv = 'aar;regionskode;indkomst_gns;doemte_landsgns_pct\n2021;1083;290000;0,7\n2022;1083;300000;0,72\n';

  it('aggregates the persons by the official method and prints the same lists as the area format', async () => {
    const pf = join(dir, 'personer.csv');
    const rf = join(dir, 'reference.csv');
    writeFileSync(pf, personCsv([...persons(2021, 300), ...persons(2022, 300)]));
    writeFileSync(rf, referenceCsv);
    const x = io();
    expect(await listerCommand(['--personer', pf, '--reference', rf, '--json'], x)).toBe(0);
    const arr = JSON.parse(x.stdout[0]) as { listeaar: number; omraade_kode: string; kategorier: string[]; beboere: { opfyldt: boolean } }[];
    expect(arr.map((k) => [k.listeaar, k.omraade_kode, k.kategorier])).toEqual([
      [2023, 'A1', ['udsat', 'parallelsamfund', 'forebyggelsesomraade']],
      [2023, 'B2', []],
    ]);
    expect(arr[1].beboere.opfyldt).toBe(false);

    // the same figures through the area-indicator format give the same output
    const agg = aggregatePersons(readFileSync(pf), parseReference(readFileSync(rf)).reference, loadLaw());
    const af = join(dir, 'omraader.csv');
    writeFileSync(af, [columns.join(','), ...agg.rows.map((r) => columns.map((c) => String(r[c])).join(','))].join('\n') + '\n');
    const y = io();
    expect(await listerCommand(['--input', af, '--json'], y)).toBe(0);
    expect(y.stdout).toEqual(x.stdout);

    const z = io();
    expect(await listerCommand(['--personer', pf, '--reference', rf, '--uden-etnisk-kriterium'], z)).toBe(0);
    expect(z.stdout[0]).toBe('2023 A1 Testparken (kommune 461): udsat, parallelsamfund, forebyggelsesomraade');
    expect(z.stdout.join('\n')).toContain('det etniske kriterium');
  });

  it('crosses the udenfor threshold: 40 % on average is not udsat, 40.08 % is', async () => {
    const rf = join(dir, 'reference.csv');
    writeFileSync(rf, referenceCsv);
    const run = async (outside2: number) => {
      const pf = join(dir, `p${outside2}.csv`);
      // 240 of 600 = 40 % in 2021; income 50 % of the region meets criterion 4 in both runs
      writeFileSync(pf, personCsv([...persons(2021, 240), ...persons(2022, outside2)], ';'));
      const x = io();
      expect(await listerCommand(['--personer', pf, '--reference', rf, '--json'], x)).toBe(0);
      return (JSON.parse(x.stdout[0]) as { omraade_kode: string; kategorier: string[] }[]).find((k) => k.omraade_kode === 'A1')!.kategorier;
    };
    expect(await run(240)).toEqual(['forebyggelsesomraade']);
    expect(await run(241)).toEqual(['udsat', 'parallelsamfund', 'forebyggelsesomraade']);
  });

  it('gives one Danish error per bad row and column, exits 1, and computes nothing', async () => {
    const pf = join(dir, 'personer.csv');
    const rf = join(dir, 'reference.csv');
    const rows = [...persons(2021, 300), ...persons(2022, 300)];
    rows[3] = [...rows[3]];
    rows[3][4] = 'fyrre';
    rows[7] = [...rows[7]];
    rows[7][11] = 'ukendt';
    writeFileSync(pf, personCsv(rows));
    writeFileSync(rf, referenceCsv);
    const x = io();
    expect(await listerCommand(['--personer', pf, '--reference', rf, '--json'], x)).toBe(1);
    expect(x.stdout).toEqual([]);
    expect(x.stderr).toEqual([
      'Linje 5, kolonne alder: "fyrre" er ikke et tal.',
      'Linje 9, kolonne oprindelse: "ukendt" skal være dansk, vestlig eller ikkevestlig.',
      `2 fejl i ${pf}; intet er beregnet.`,
    ]);
    // a bad reference file names its own lines
    writeFileSync(pf, personCsv(persons(2021, 1)));
    writeFileSync(rf, 'aar;regionskode;indkomst_gns;doemte_landsgns_pct\n2021;1083;mange;0,7\n');
    const y = io();
    expect(await listerCommand(['--personer', pf, '--reference', rf], y)).toBe(1);
    expect(y.stderr).toEqual(['Linje 2, kolonne indkomst_gns: "mange" er ikke et tal.', `1 fejl i ${rf}; intet er beregnet.`]);
  });

  it('wants exactly one input, and --reference with --personer', async () => {
    const pf = join(dir, 'personer.csv');
    writeFileSync(pf, personCsv(persons(2021, 1)));
    for (const args of [['--input', pf, '--personer', pf, '--reference', pf], ['--personer', pf], ['--input', pf, '--reference', pf], ['--personer', join(dir, 'findes-ikke.csv'), '--reference', pf]]) {
      const x = io();
      expect(await listerCommand(args, x), args.join(' ')).toBe(2);
      expect(x.stderr.join('\n')).toMatch(/--personer|Kan ikke læse/);
    }
  });
});

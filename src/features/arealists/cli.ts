// `almen lister (--input <fil> | --personer <fil> --reference <fil>) [--json] [--uden-etnisk-kriterium]`: reads
// the area-indicator format (issue 4; CSV with comma or semicolon, decimal point or comma, UTF-8 or windows-1252),
// or the person-level format with its reference file (persons.ts, docs/lister-personformat.md) aggregated by the
// official method, and prints the statutory area lists (ABL § 61 a / § 61 b, src/rules/abl-61a.ts) for every area
// and list year, each at 1 December.
// Exit codes: 0 done, 1 bad input (one Danish error per row and column), 2 wrong use.
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LawParamError, loadLaw, type Params } from '../../law/params.ts';
import { classifyAll, type OmraadeIndikatorer } from '../../rules/abl-61a.ts';
import { parseNumber, readCsvRecords } from './csv.ts';
import { aggregatePersonsFile, parseReference } from './persons.ts';

export interface ListerIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const processIo: ListerIo = {
  out: (l) => process.stdout.write(l + '\n'),
  err: (l) => process.stderr.write(l + '\n'),
};

const usage = 'Brug: almen lister (--input <fil> | --personer <fil> --reference <fil>) [--json] [--uden-etnisk-kriterium]';

const intColumns = ['listeaar', 'kommunekode', 'beboere'] as const;
const pctColumns = [
  'ikkevestlige_pct',
  'udenfor_pct_aar1',
  'udenfor_pct_aar2',
  'doemte_pct_aar1',
  'doemte_pct_aar2',
  'doemte_landsgns_pct_aar1',
  'doemte_landsgns_pct_aar2',
  'grundskole_pct',
  'indkomst_pct_af_region',
] as const;
const textColumns = ['omraade_kode', 'omraade_navn'] as const;
export const columns = [...['listeaar', 'omraade_kode', 'omraade_navn', 'kommunekode', 'beboere'], ...pctColumns] as const;

export interface ParsedInput {
  rows: OmraadeIndikatorer[];
  errors: string[];
}

/** Reads the area-indicator format; every problem is one Danish line with the file line and column. */
export function parseIndicators(buf: Buffer): ParsedInput {
  const records = readCsvRecords(buf);
  const errors: string[] = [];
  if (records.length === 0) return { rows: [], errors: ['Filen er tom.'] };
  const header = records[0].fields.map((h) => h.trim().toLowerCase());
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length) return { rows: [], errors: [`Linje 1: kolonne(r) mangler: ${missing.join(', ')}.`] };
  const dup = header.filter((h, i) => h !== '' && header.indexOf(h) !== i);
  if (dup.length) return { rows: [], errors: [`Linje 1: kolonne(r) optræder to gange: ${[...new Set(dup)].join(', ')}.`] };
  const idx = Object.fromEntries(columns.map((c) => [c, header.indexOf(c)])) as Record<(typeof columns)[number], number>;
  const body = records.slice(1);
  // The decimal convention is the file's: a comma in any number cell means decimal comma (then '.' groups thousands).
  const numericIdx = [...intColumns, ...pctColumns].map((c) => idx[c]);
  // With comma as separator such a cell must be quoted ("40,5").
  const decimalComma = body.some((r) => numericIdx.some((i) => (r.fields[i] ?? '').includes(',')));
  const rows: OmraadeIndikatorer[] = [];
  const seen = new Map<string, number>();
  for (const rec of body) {
    const rowErrors: string[] = [];
    const at = (c: string) => `Linje ${rec.line}, kolonne ${c}`;
    if (rec.fields.length !== header.length) {
      errors.push(`Linje ${rec.line}: ${rec.fields.length} felter, men overskriften har ${header.length}.`);
      continue;
    }
    const out: Record<string, string | number> = {};
    for (const c of textColumns) {
      const v = rec.fields[idx[c]].trim();
      if (c === 'omraade_kode' && v === '') rowErrors.push(`${at(c)}: områdekoden mangler.`);
      out[c] = v;
    }
    for (const c of intColumns) {
      const raw = rec.fields[idx[c]];
      const n = parseNumber(raw, decimalComma);
      if (n === null) rowErrors.push(`${at(c)}: "${raw.trim()}" er ikke et tal.`);
      else if (!Number.isInteger(n)) rowErrors.push(`${at(c)}: "${raw.trim()}" skal være et helt tal.`);
      else if (c === 'listeaar' && (n < 1990 || n > 2100)) rowErrors.push(`${at(c)}: listeåret ${n} er ikke et gyldigt år.`);
      else if (c === 'kommunekode' && (n < 101 || n > 999)) rowErrors.push(`${at(c)}: ${n} er ikke en kommunekode (101-999).`);
      else if (c === 'beboere' && n < 0) rowErrors.push(`${at(c)}: antal beboere kan ikke være negativt.`);
      out[c] = n ?? NaN;
    }
    for (const c of pctColumns) {
      const raw = rec.fields[idx[c]];
      const n = parseNumber(raw, decimalComma);
      if (n === null) rowErrors.push(`${at(c)}: "${raw.trim()}" er ikke et tal${raw.trim() === '' ? ' (feltet er tomt)' : ''}.`);
      else if (n < 0 || (n > 100 && c !== 'indkomst_pct_af_region')) rowErrors.push(`${at(c)}: ${raw.trim()} er ikke en procent mellem 0 og 100.`);
      out[c] = n ?? NaN;
    }
    if (rowErrors.length === 0) {
      const k = `${out.omraade_kode}\u0000${out.listeaar}`;
      const first = seen.get(k);
      if (first !== undefined) rowErrors.push(`Linje ${rec.line}: område ${out.omraade_kode} har allerede en række for listeår ${out.listeaar} (linje ${first}).`);
      else seen.set(k, rec.line);
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else rows.push(out as unknown as OmraadeIndikatorer);
  }
  if (body.length === 0) errors.push('Filen har ingen rækker under overskriften.');
  return { rows, errors };
}

function readInput(path: string, io: ListerIo): Buffer | null {
  try {
    return readFileSync(path);
  } catch (err) {
    io.err(`Kan ikke læse ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    return null;
  }
}

function reportErrors(io: ListerIo, errors: string[], count: number, path: string): 1 {
  for (const e of errors) io.err(e);
  io.err(`${count} fejl i ${path}; intet er beregnet.`);
  return 1;
}

export async function listerCommand(argv: string[], io: ListerIo = processIo, params?: Params): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        input: { type: 'string', short: 'i' },
        personer: { type: 'string' },
        reference: { type: 'string' },
        json: { type: 'boolean' },
        'uden-etnisk-kriterium': { type: 'boolean' },
      },
    }));
  } catch (err) {
    io.err(`Ukendt eller ufuldstændigt argument: ${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (values.input && values.personer) {
    io.err(`Angiv enten --input eller --personer, ikke begge.\n${usage}`);
    return 2;
  }
  if (!values.input && !values.personer) {
    io.err(`Angiv filen med --input (områdetal) eller --personer og --reference (persontal).\n${usage}`);
    return 2;
  }
  if (values.personer && !values.reference) {
    io.err(`Angiv referencefilen (regionernes indkomst og landsgennemsnittet af dømte) med --reference.\n${usage}`);
    return 2;
  }
  if (values.input && values.reference) {
    io.err(`--reference bruges kun med --personer.\n${usage}`);
    return 2;
  }
  const law = params ?? loadLaw();
  let rows: OmraadeIndikatorer[];
  if (values.input) {
    const buf = readInput(values.input, io);
    if (!buf) return 2;
    const parsed = parseIndicators(buf);
    if (parsed.errors.length) return reportErrors(io, parsed.errors, parsed.errors.length, values.input);
    rows = parsed.rows;
  } else {
    const personer = values.personer!;
    const refBuf = readInput(values.reference!, io);
    if (!refBuf) return 2;
    try {
      statSync(personer);
    } catch (err) {
      io.err(`Kan ikke læse ${personer}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      return 2;
    }
    const ref = parseReference(refBuf);
    if (ref.errors.length) return reportErrors(io, ref.errors, ref.errors.length, values.reference!);
    const agg = await aggregatePersonsFile(personer, ref.reference, law);
    if (agg.errorCount) return reportErrors(io, agg.errors, agg.errorCount, personer);
    rows = agg.rows;
  }
  let result;
  try {
    result = classifyAll(rows, law, { withoutEthnicCriterion: values['uden-etnisk-kriterium'] === true });
  } catch (err) {
    if (err instanceof LawParamError) {
      io.err(`Listeår uden gældende regler: ${err.message}`);
      return 1;
    }
    throw err;
  }
  if (values.json) {
    io.out(JSON.stringify(result));
    return 0;
  }
  for (const k of result) {
    io.out(`${k.listeaar} ${k.omraade_kode} ${k.omraade_navn} (kommune ${k.kommunekode}): ${k.kategorier.length ? k.kategorier.join(', ') : 'ingen kategori'}`);
    for (const line of k.forklaring) io.out(`  ${line}`);
  }
  return 0;
}

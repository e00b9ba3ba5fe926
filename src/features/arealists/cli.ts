// `almen lister --input <fil> [--json] [--uden-etnisk-kriterium]`: reads the area-indicator format (issue 4;
// CSV with comma or semicolon, decimal point or comma, UTF-8 or windows-1252) and prints the statutory area
// lists (ABL § 61 a / § 61 b, src/rules/abl-61a.ts) for every area and list year, each at 1 December.
// Exit codes: 0 done, 1 bad input (one Danish error per row and column), 2 wrong use.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { LawParamError, loadLaw, type Params } from '../../law/params.ts';
import { classifyAll, type OmraadeIndikatorer } from '../../rules/abl-61a.ts';

export interface ListerIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const processIo: ListerIo = {
  out: (l) => process.stdout.write(l + '\n'),
  err: (l) => process.stderr.write(l + '\n'),
};

const usage = 'Brug: almen lister --input <fil> [--json] [--uden-etnisk-kriterium]';

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

/** Splits CSV text into records of fields (RFC 4180 quotes), each with the line it starts on. */
export function splitCsv(text: string, sep: string): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      any = true;
    } else if (ch === sep) {
      fields.push(field);
      field = '';
      any = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (any || field.trim() !== '') out.push({ fields, line: start });
      fields = [];
      field = '';
      any = false;
      line++;
      start = line;
    } else {
      field += ch;
      any = true;
    }
  }
  fields.push(field);
  if (any || field.trim() !== '') out.push({ fields, line: start });
  return out;
}

/** A number in the file's convention; decimal comma allows '.' only as a thousands separator (1.234,5). */
export function parseNumber(raw: string, decimalComma: boolean): number | null {
  let s = raw.trim().replace(/\s+/g, '');
  if (s === '') return null;
  if (decimalComma) {
    if (s.includes('.')) {
      if (!/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) return null;
      s = s.replace(/\./g, '');
    }
    s = s.replace(',', '.');
  }
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  return Number(s);
}

export interface ParsedInput {
  rows: OmraadeIndikatorer[];
  errors: string[];
}

/** Reads the area-indicator format; every problem is one Danish line with the file line and column. */
export function parseIndicators(buf: Buffer): ParsedInput {
  let text = buf.toString('utf8');
  if (text.includes('\uFFFD')) text = iconv.decode(buf, 'win1252');
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records = splitCsv(text, sep);
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

export async function listerCommand(argv: string[], io: ListerIo = processIo, params?: Params): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { input: { type: 'string', short: 'i' }, json: { type: 'boolean' }, 'uden-etnisk-kriterium': { type: 'boolean' } },
    }));
  } catch (err) {
    io.err(`Ukendt eller ufuldstændigt argument: ${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (!values.input) {
    io.err(`Angiv filen med --input.\n${usage}`);
    return 2;
  }
  let buf: Buffer;
  try {
    buf = readFileSync(values.input);
  } catch (err) {
    io.err(`Kan ikke læse ${values.input}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    return 2;
  }
  const { rows, errors } = parseIndicators(buf);
  if (errors.length) {
    for (const e of errors) io.err(e);
    io.err(`${errors.length} fejl i ${values.input}; intet er beregnet.`);
    return 1;
  }
  let result;
  try {
    result = classifyAll(rows, params ?? loadLaw(), { withoutEthnicCriterion: values['uden-etnisk-kriterium'] === true });
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

// Checks generated import rows against the formats and against each other. Used by the tests; also handy
// when changing a generator (`problems` lists every broken row, the first few are enough to see why).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formats, importKinds, type ColumnSpec, type ImportKind } from '../src/features/imports/formats.ts';
import type { ImportRow } from './csv.ts';
import { YEARS } from './calibration.ts';

function cellProblem(col: ColumnSpec, v: string): string | null {
  if (v === '') return col.required ? 'mangler' : null;
  const t = col.type;
  switch (t.t) {
    case 'text':
      return t.max !== undefined && v.length > t.max ? `længere end ${t.max} tegn` : null;
    case 'int': {
      if (!/^-?\d+$/.test(v)) return 'ikke et helt tal';
      const n = Number(v);
      return (t.min !== undefined && n < t.min) || (t.max !== undefined && n > t.max) ? 'uden for intervallet' : null;
    }
    case 'decimal': {
      if (!/^-?\d+(\.\d+)?$/.test(v)) return 'ikke et decimaltal med punktum';
      const n = Number(v);
      if ((t.min !== undefined && n < t.min) || (t.max !== undefined && n > t.max)) return 'uden for intervallet';
      const decimals = v.split('.')[1]?.length ?? 0;
      return t.scale !== undefined && decimals > t.scale ? `mere end ${t.scale} decimaler` : null;
    }
    case 'enum':
      return t.values.includes(v) ? null : 'ikke en tilladt værdi';
    case 'kommunekode':
    case 'postnummer':
      return /^\d{4}$/.test(v) ? null : 'ikke fire cifre';
    case 'cvr': {
      if (!/^\d{8}$/.test(v)) return 'ikke otte cifre';
      const sum = [2, 7, 6, 5, 4, 3, 2, 1].reduce((s, w, i) => s + w * Number(v[i]), 0);
      return sum % 11 === 0 ? null : 'fejler modulus 11-kontrollen';
    }
  }
}

/** Format problems: unknown or missing columns, bad values, duplicate natural keys. */
export function formatProblems(kind: ImportKind, rows: readonly ImportRow[]): string[] {
  const spec = formats[kind];
  const known = new Set(spec.columns.map((c) => c.name));
  const keys = new Set<string>();
  const out: string[] = [];
  rows.forEach((row, i) => {
    for (const name of Object.keys(row)) if (!known.has(name)) out.push(`${kind} række ${i + 1}: ukendt kolonne ${name}`);
    for (const col of spec.columns) {
      const p = cellProblem(col, row[col.name] ?? '');
      if (p) out.push(`${kind} række ${i + 1} ${col.name}="${row[col.name] ?? ''}": ${p}`);
    }
    const key = spec.naturalKey.map((k) => row[k]).join('|');
    if (keys.has(key)) out.push(`${kind} række ${i + 1}: nøglen ${key} findes allerede`);
    keys.add(key);
  });
  return out;
}

const afdKey = (r: ImportRow) => `${r.org_lbf_nr}/${r.afdelingsnummer}`;
const num = (v: string | undefined) => Number(v || 0);

/** Cross-file problems: references, dwelling counts per type, key-figure sums, area aggregates. */
export function consistencyProblems(rows: Record<ImportKind, ImportRow[]>): string[] {
  const out: string[] = [];
  const orgs = new Set(rows.boligorganisationer.map((r) => r.org_lbf_nr));
  const afd = new Map(rows.afdelinger.map((r) => [afdKey(r), r]));
  const areas = new Set(rows.boligomraader.map((r) => r.kode));
  for (const r of rows.afdelinger) if (!orgs.has(r.org_lbf_nr)) out.push(`afdeling ${afdKey(r)}: ukendt organisation`);
  for (const o of orgs) if (!rows.afdelinger.some((r) => r.org_lbf_nr === o)) out.push(`organisation ${o} har ingen afdelinger`);

  // Dwellings: counts per type, area and rent agree with the afdeling row.
  const byAfd = new Map<string, { familie: number; ungdom: number; aeldre: number; pleje: number; areal: number; rent: number; ledig: number }>();
  for (const b of rows.boliger) {
    const k = afdKey(b);
    if (!afd.has(k)) {
      out.push(`bolig ${k}/${b.lejemaalsnummer}: ukendt afdeling`);
      continue;
    }
    let s = byAfd.get(k);
    if (!s) byAfd.set(k, (s = { familie: 0, ungdom: 0, aeldre: 0, pleje: 0, areal: 0, rent: 0, ledig: 0 }));
    s[b.boligtype as 'familie']++;
    s.areal += num(b.areal_m2);
    s.rent += 12 * num(b.husleje_maaned);
    if (b.status === 'ledig') s.ledig++;
  }
  for (const [k, a] of afd) {
    const s = byAfd.get(k) ?? { familie: 0, ungdom: 0, aeldre: 0, pleje: 0, areal: 0, rent: 0, ledig: 0 };
    for (const t of ['familie', 'ungdom', 'aeldre', 'pleje'] as const) {
      if (s[t] !== num(a[`antal_${t}`])) out.push(`afdeling ${k}: ${s[t]} ${t}boliger i boligfilen, ${a[`antal_${t}`]} i afdelingen`);
    }
    if (Math.abs(s.areal - num(a.bruttoareal_m2)) > 0.05 + 1e-6 * s.areal) out.push(`afdeling ${k}: bruttoareal ${a.bruttoareal_m2} <> ${s.areal.toFixed(1)}`);
    if (Math.abs(num(a.husleje_pr_m2) * num(a.bruttoareal_m2) - s.rent) > 0.001 * s.rent + 1) out.push(`afdeling ${k}: husleje pr. m² passer ikke med boligerne`);
  }

  // Key figures: every afdeling and area has each year; sums add up; ledige at the end of 2023 match the dwellings.
  const years = new Map<string, Set<string>>();
  for (const r of rows.noegletal_afdeling) {
    const k = afdKey(r);
    const a = afd.get(k);
    if (!a) {
      out.push(`nøgletal ${k} ${r.aar}: ukendt afdeling`);
      continue;
    }
    (years.get(k) ?? years.set(k, new Set()).get(k)!).add(r.aar);
    const total = num(a.antal_familie) + num(a.antal_ungdom) + num(a.antal_aeldre) + num(a.antal_pleje);
    if (num(r.beboere) !== num(r.beboere_0_17) + num(r.beboere_18_64) + num(r.beboere_65_plus)) out.push(`nøgletal ${k} ${r.aar}: aldersgrupper summer ikke til beboere`);
    if (num(r.husstande) > total) out.push(`nøgletal ${k} ${r.aar}: flere husstande end boliger`);
    if (r.aar === '2023' && num(r.ledige_boliger) !== (byAfd.get(k)?.ledig ?? 0)) out.push(`nøgletal ${k} 2023: ledige ${r.ledige_boliger} <> ${byAfd.get(k)?.ledig ?? 0} ledige boliger`);
  }
  for (const k of afd.keys()) if ((years.get(k)?.size ?? 0) !== YEARS.length) out.push(`afdeling ${k}: ${years.get(k)?.size ?? 0} års nøgletal`);

  const members = new Map<string, string[]>();
  for (const r of rows.boligomraade_afdelinger) {
    if (!areas.has(r.boligomraade_kode)) out.push(`områdeafdeling ${r.boligomraade_kode}: ukendt område`);
    if (!afd.has(afdKey(r))) out.push(`områdeafdeling ${afdKey(r)}: ukendt afdeling`);
    (members.get(r.boligomraade_kode) ?? members.set(r.boligomraade_kode, []).get(r.boligomraade_kode)!).push(afdKey(r));
  }
  const afdFigures = new Map(rows.noegletal_afdeling.map((r) => [`${afdKey(r)}|${r.aar}`, r]));
  let areaYears = 0;
  for (const r of rows.noegletal_boligomraade) {
    const m = members.get(r.boligomraade_kode);
    if (!m) {
      out.push(`områdenøgletal ${r.boligomraade_kode}: ukendt eller tomt område`);
      continue;
    }
    areaYears++;
    const sum = m.reduce((s, k) => s + num(afdFigures.get(`${k}|${r.aar}`)?.beboere), 0);
    if (sum !== num(r.beboere)) out.push(`områdenøgletal ${r.boligomraade_kode} ${r.aar}: ${r.beboere} beboere, afdelingerne har ${sum}`);
  }
  if (areaYears !== areas.size * YEARS.length) out.push(`områdenøgletal: ${areaYears} rækker for ${areas.size} områder`);
  return out;
}

/** Reads `<kind>.csv` files back (either variant) into plain rows (decimal point), for round-trip tests. */
export function readImportFiles(folder: string): Record<ImportKind, ImportRow[]> {
  return Object.fromEntries(importKinds.map((kind) => [kind, readImportFile(join(folder, `${kind}.csv`), kind)])) as Record<ImportKind, ImportRow[]>;
}

export function readImportFile(path: string, kind: ImportKind): ImportRow[] {
  let text = readFileSync(path, 'utf8');
  const danish = text.startsWith('\uFEFF');
  if (danish) text = text.slice(1);
  const records = parseCsv(text, danish ? ';' : ',');
  const [header, ...data] = records;
  const decimal = new Set(formats[kind].columns.filter((c) => c.type.t === 'decimal').map((c) => c.name));
  return data.map((cells) =>
    Object.fromEntries(header.map((h, i) => [h, danish && decimal.has(h) ? cells[i].replace(',', '.') : cells[i]])),
  );
}

/** RFC 4180 parsing (quotes, doubled quotes, CRLF or LF). */
export function parseCsv(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) row.push(cur), (cur = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cur);
      rows.push(row);
      row = [];
      cur = '';
    } else cur += ch;
  }
  if (cur !== '' || row.length) row.push(cur), rows.push(row);
  return rows;
}

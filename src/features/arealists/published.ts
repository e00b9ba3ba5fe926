// The ministry's published lists as a file: one row per area, list year and category. The names used over
// the years are accepted (ghettoområde = parallelsamfund, hårdt ghettoområde = omdannelsesområde, lov nr.
// 2157 af 27. november 2021). A file with any bad row is rejected whole, with one Danish error per problem.
import type { Kategori } from '../../rules/abl-61a.ts';
import { readCsvRecords } from './csv.ts';
import type { Offentliggjort } from './store.ts';

export const publishedColumns = ['listeaar', 'omraade_kode', 'omraade_navn', 'kommunekode', 'kategori'] as const;

const kategoriAlias: Record<string, Kategori> = {
  udsat: 'udsat',
  'udsat boligområde': 'udsat',
  'udsat boligomraade': 'udsat',
  parallelsamfund: 'parallelsamfund',
  ghettoområde: 'parallelsamfund',
  ghettoomraade: 'parallelsamfund',
  omdannelsesomraade: 'omdannelsesomraade',
  omdannelsesområde: 'omdannelsesomraade',
  'hårdt ghettoområde': 'omdannelsesomraade',
  'haardt ghettoomraade': 'omdannelsesomraade',
  forebyggelsesomraade: 'forebyggelsesomraade',
  forebyggelsesområde: 'forebyggelsesomraade',
};

export function parsePublished(buf: Buffer): { rows: Offentliggjort[]; years: number[]; errors: string[] } {
  const records = readCsvRecords(buf);
  if (records.length === 0) return { rows: [], years: [], errors: ['Filen er tom.'] };
  const header = records[0].fields.map((h) => h.trim().toLowerCase());
  const missing = publishedColumns.filter((c) => !header.includes(c));
  if (missing.length) return { rows: [], years: [], errors: [`Linje 1: kolonne(r) mangler: ${missing.join(', ')}.`] };
  const idx = Object.fromEntries(publishedColumns.map((c) => [c, header.indexOf(c)])) as Record<(typeof publishedColumns)[number], number>;
  const rows: Offentliggjort[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  for (const rec of records.slice(1)) {
    const at = (c: string) => `Linje ${rec.line}, kolonne ${c}`;
    if (rec.fields.length !== header.length) {
      errors.push(`Linje ${rec.line}: ${rec.fields.length} felter, men overskriften har ${header.length}.`);
      continue;
    }
    const v = (c: (typeof publishedColumns)[number]) => rec.fields[idx[c]].trim();
    const before = errors.length;
    const aar = Number(v('listeaar'));
    if (!/^\d{4}$/.test(v('listeaar')) || aar < 2010 || aar > 2100) errors.push(`${at('listeaar')}: "${v('listeaar')}" er ikke et listeår (fx 2024).`);
    if (v('omraade_kode') === '') errors.push(`${at('omraade_kode')}: områdekoden mangler.`);
    if (v('omraade_navn') === '') errors.push(`${at('omraade_navn')}: områdets navn mangler.`);
    const kode = v('kommunekode');
    if (!/^\d{3,4}$/.test(kode) || Number(kode) < 101 || Number(kode) > 999) errors.push(`${at('kommunekode')}: "${kode}" er ikke en kommunekode (101-999).`);
    const kategori = kategoriAlias[v('kategori').toLowerCase()];
    if (!kategori) errors.push(`${at('kategori')}: "${v('kategori')}" er ikke en kategori (udsat, parallelsamfund, omdannelsesomraade eller forebyggelsesomraade).`);
    if (errors.length > before) continue;
    const key = `${aar}|${v('omraade_kode')}|${kategori}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push(`Linje ${rec.line}: område ${v('omraade_kode')} står allerede som ${kategori} for ${aar} (linje ${first}).`);
      continue;
    }
    seen.set(key, rec.line);
    rows.push({ listeaar: aar, omraade_kode: v('omraade_kode'), omraade_navn: v('omraade_navn'), kommunekode: kode.padStart(4, '0'), kategori });
  }
  if (records.length === 1) errors.push('Filen har ingen rækker under overskriften.');
  const years = [...new Set(rows.map((r) => r.listeaar))].sort((a, b) => a - b);
  return { rows, years, errors };
}

// The explanation of an area's results as PDF and xlsx: per list year the categories, every criterion with
// value, threshold and margin, the Danish explanation citing the paragraphs, and the parameters used.
import ExcelJS from 'exceljs';
import { danishDateTime, renderDocumentPdf, type PdfSection } from '../exports/pdf.ts';
import type { Klassifikation, Kriterium } from '../../rules/abl-61a.ts';
import { kategoriNavn, type Beregning } from './store.ts';

export interface ExplanationDoc {
  kommune: { kode: string; navn: string; demo: boolean };
  beregning: Beregning;
  /** Newest list year first. */
  med: Klassifikation[];
  uden: Klassifikation[];
}

const kildeNavn = { register: 'registrets nøgletal', indikatorfil: 'fil i områdeindikatorformatet', personfil: 'personoplysninger (kun resultater gemt)' };
const cats = (k: Klassifikation) => (k.kategorier.length ? k.kategorier.map((c) => kategoriNavn[c]).join(', ') : 'Ingen kategori');
const opText = { '>': 'over', '>=': 'mindst', '<': 'under' } as const;

function criteria(k: Klassifikation): Kriterium[] {
  const out = [k.beboere, ...(k.ghettoomraade2013?.kriterier ?? []), ...(k.udsat?.kriterier ?? [])];
  if (k.parallelsamfund?.ikkevestlige) out.push(k.parallelsamfund.ikkevestlige);
  out.push(...(k.forebyggelse?.kriterier ?? []));
  if (k.forebyggelse?.ikkevestlige) out.push(k.forebyggelse.ikkevestlige);
  return out;
}

const criteriaColumns = ['Paragraf', 'Kriterium', { header: 'Værdi', type: 'decimal' as const, decimals: 3 }, 'Krav', { header: 'Grænse', type: 'decimal' as const, decimals: 3 }, { header: 'Margin', type: 'decimal' as const, decimals: 3 }, 'Opfyldt'];
const criteriaRow = (c: Kriterium) => [c.paragraf, c.beskrivelse, c.vaerdi, opText[c.operator], c.taerskel, c.margin, c.opfyldt ? 'ja' : 'nej'];

function about(d: ExplanationDoc): string[] {
  const b = d.beregning;
  return [
    `${d.kommune.navn} (${d.kommune.kode})${d.kommune.demo ? ': demodata (genereret, ikke virkelige tal)' : ''}`,
    `Beregnet ${danishDateTime(b.beregnet_at, 'long')} af ${b.beregnet_af} ud fra ${kildeNavn[b.kilde]}${b.kilde_detalje ? ` (${b.kilde_detalje})` : ''}; regelfingeraftryk ${b.parametre_fingeraftryk}.`,
    'Almenboligloven § 61 a og § 61 b (LBK nr. 1171 af 11/11/2024). Resultatet er kommunens egen beregning; ministeriets offentliggjorte liste er afgørende.',
  ];
}

export async function explanationPdf(d: ExplanationDoc): Promise<Buffer> {
  const first = d.med[0];
  const sections: PdfSection[] = [];
  for (const k of d.med) {
    const u = d.uden.find((x) => x.listeaar === k.listeaar);
    sections.push({
      heading: `Listen 1. december ${k.listeaar}: ${cats(k)}`,
      paragraphs: [...k.forklaring, ...(u ? [`Uden det etniske kriterium (hvad-hvis, EU-Domstolen C-417/23): ${cats(u)}.`] : [])],
      table: { columns: criteriaColumns, rows: criteria(k).map(criteriaRow) },
    });
  }
  sections.push({
    heading: 'Parametre brugt (dato for ikrafttræden, kilde og verifikation)',
    table: {
      columns: ['Parameter', 'Værdi', 'Gælder fra', 'Paragraf', 'Verifikation'],
      rows: [...new Map(d.med.flatMap((k) => k.parametre).map((p) => [`${p.navn}@${p.gyldigFra}`, p])).values()].map((p) => [p.navn, String(p.vaerdi), p.gyldigFra, p.paragraf, p.verificeret]),
    },
  });
  return renderDocumentPdf({ title: `Begrundelse: ${first.omraade_navn} (${first.omraade_kode})`, subtitle: 'Udsatte boligområder, parallelsamfund, omdannelses- og forebyggelsesområder', about: about(d), sections });
}

export async function explanationXlsx(d: ExplanationDoc): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Almen';
  const ws = wb.addWorksheet('Begrundelse');
  ws.columns = [{ width: 10 }, { width: 18 }, { width: 70 }, { width: 12 }, { width: 8 }, { width: 12 }, { width: 12 }, { width: 9 }];
  ws.addRow([`Begrundelse: ${d.med[0].omraade_navn} (${d.med[0].omraade_kode})`]).font = { bold: true, size: 14 };
  for (const line of about(d)) ws.addRow([line]);
  for (const k of d.med) {
    ws.addRow([]);
    ws.addRow([k.listeaar, `Listen 1. december ${k.listeaar}`, cats(k)]).font = { bold: true };
    for (const line of k.forklaring) ws.addRow([k.listeaar, 'Forklaring', line]);
    const u = d.uden.find((x) => x.listeaar === k.listeaar);
    if (u) ws.addRow([k.listeaar, 'Hvad-hvis', `Uden det etniske kriterium: ${cats(u)}`]);
  }
  const kr = wb.addWorksheet('Kriterier');
  kr.addRow(['Listeår', ...criteriaColumns.map((c) => (typeof c === 'string' ? c : c.header))]).font = { bold: true };
  for (const k of d.med) for (const c of criteria(k)) kr.addRow([k.listeaar, ...criteriaRow(c)]);
  kr.columns.forEach((c, i) => (c.width = [9, 22, 60, 10, 8, 10, 10, 8][i] ?? 12));
  const pr = wb.addWorksheet('Parametre');
  pr.addRow(['Parameter', 'Værdi', 'Gælder fra', 'Paragraf', 'Verifikation']).font = { bold: true };
  for (const p of new Map(d.med.flatMap((k) => k.parametre).map((p) => [`${p.navn}@${p.gyldigFra}`, p])).values()) pr.addRow([p.navn, p.vaerdi, p.gyldigFra, p.paragraf, p.verificeret]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

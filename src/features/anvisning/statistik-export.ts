// The committee's anvisning statistics as PDF and xlsx (issue 6, item 7).
import ExcelJS from 'exceljs';
import { renderDocumentPdf, type PdfSection } from '../exports/pdf.ts';
import { returGrunde } from './ledige.ts';
import type { statistics } from './oversigt.ts';

type Stat = Awaited<ReturnType<typeof statistics>>;

function sections(s: Stat): { heading: string; columns: string[]; rows: (string | number | null)[][] }[] {
  return [
    { heading: 'Anvisninger efter målgruppe', columns: ['Målgruppe', 'Antal'], rows: s.efter_maalgruppe.map((r) => [r.noegle, r.antal]) },
    { heading: 'Anvisninger efter husleje pr. måned', columns: ['Husleje', 'Antal'], rows: s.efter_husleje.map((r) => [r.noegle, r.antal]) },
    { heading: 'Anvisninger efter områdets kategori', columns: ['Kategori', 'Antal'], rows: s.efter_kategori.map((r) => [r.noegle, r.antal]) },
    { heading: 'Returnerede boliger og hvorfor', columns: ['Grund', 'Antal'], rows: s.returnerede.map((r) => [returGrunde[r.noegle as keyof typeof returGrunde] ?? r.noegle, r.antal]) },
    {
      heading: 'Ventetid fra ansøgning til lejestart (dage)',
      columns: ['Median', 'Gennemsnit', 'Længst'],
      rows: [[s.ventetid_dage.median, s.ventetid_dage.gennemsnit, s.ventetid_dage.laengst]],
    },
    {
      heading: 'Kommunens brug af anvisningsretten',
      columns: ['Ledige familieboliger', 'Anvist af kommunen', 'Brugt %', 'Ret %', 'Grundlag'],
      rows: [[s.andel.ledige_familieboliger, s.andel.kommunal_anvisning, s.andel.brugt_pct, s.andel.ret_pct, s.andel.ret_grundlag]],
    },
  ];
}

const about = (kommune: { navn: string; kode: string; demo: boolean }, s: Stat) => [
  `${kommune.navn} (${kommune.kode})${kommune.demo ? ': demodata (genereret, ikke virkelige tal)' : ''}`,
  `${s.anvisninger ?? 'Under 5'} anvisninger med lejestart i ${s.aar}; ${s.tilbudte_boliger} boliger tilbudt kommunen i året.`,
];

export async function statisticsPdf(kommune: { navn: string; kode: string; demo: boolean }, s: Stat): Promise<Buffer> {
  const secs: PdfSection[] = sections(s).map((x) => ({ heading: x.heading, table: { columns: x.columns, rows: x.rows } }));
  return renderDocumentPdf({ title: `Kommunal anvisning ${s.aar}`, subtitle: 'Statistik til udvalget', about: about(kommune, s), sections: secs });
}

export async function statisticsXlsx(kommune: { navn: string; kode: string; demo: boolean }, s: Stat): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Almen';
  const first = wb.addWorksheet('Oversigt');
  first.addRow([`Kommunal anvisning ${s.aar}`]).font = { bold: true, size: 14 };
  for (const line of about(kommune, s)) first.addRow([line]);
  for (const x of sections(s)) {
    const ws = wb.addWorksheet(x.heading.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
    ws.addRow(x.columns).font = { bold: true };
    for (const r of x.rows) ws.addRow(r);
    ws.columns.forEach((c) => (c.width = 28));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

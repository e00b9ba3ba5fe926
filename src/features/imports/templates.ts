// Everything users read about the import formats comes from formats.ts: the API's format list, the
// downloadable templates (CSV as Danish Excel writes it, and .xlsx) and docs/import-formats.md.
import ExcelJS from 'exceljs';
import { formats, importKinds, type ColumnSpec, type ColumnType, type FormatSpec, type ImportKind } from './formats.ts';

import { danishNumber as nf } from './values.ts';

/** The column type in Danish, for the documentation and the API. */
export function describeType(t: ColumnType): string {
  const range = (min?: number, max?: number) =>
    min !== undefined && max !== undefined ? `, ${nf(min)}–${nf(max)}` : min !== undefined ? `, mindst ${nf(min)}` : max !== undefined ? `, højst ${nf(max)}` : '';
  switch (t.t) {
    case 'text':
      return t.max ? `tekst (højst ${nf(t.max)} tegn)` : 'tekst';
    case 'int':
      return `heltal${range(t.min, t.max)}`;
    case 'decimal': {
      const scale = t.scale ?? 2;
      return `tal med højst ${scale} ${scale === 1 ? 'decimal' : 'decimaler'}${range(t.min, t.max)}`;
    }
    case 'enum':
      return `én af: ${t.values.join(', ')}`;
    case 'kommunekode':
      return 'kommunekode (4 cifre)';
    case 'cvr':
      return 'CVR-nummer (8 cifre)';
    case 'postnummer':
      return 'postnummer (4 cifre)';
  }
}

export function formatDoc(f: FormatSpec) {
  return {
    kind: f.kind,
    title: f.title,
    doc: f.doc,
    natural_key: f.naturalKey,
    columns: f.columns.map((c) => ({ name: c.name, type: describeType(c.type), required: c.required, doc: c.doc, example: c.example })),
  };
}

const isNumeric = (c: ColumnSpec) => c.type.t === 'int' || c.type.t === 'decimal';

/** Header and one example row, semicolon-separated with decimal comma, UTF-8 with BOM and CRLF. */
export function templateCsv(kind: ImportKind): Buffer {
  const cols = formats[kind].columns;
  const cell = (s: string) => (/[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [cols.map((c) => c.name), cols.map((c) => c.example)].map((r) => r.map(cell).join(';'));
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
}

/** The same as an Excel sheet: numbers as numbers, codes as text (so 0163 keeps its zero). */
export async function templateXlsx(kind: ImportKind): Promise<Buffer> {
  const f = formats[kind];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Almen';
  const ws = wb.addWorksheet(f.title.slice(0, 31));
  ws.addRow(f.columns.map((c) => c.name)).font = { bold: true };
  ws.addRow(f.columns.map((c) => (isNumeric(c) ? Number(c.example.replace(/\./g, '').replace(',', '.')) : c.example)));
  f.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(12, c.name.length + 2, c.example.length + 2);
    if (!isNumeric(c)) col.numFmt = '@'; // text: Excel must not turn 0163 into 163
  });
  ws.getRow(1).eachCell((cell, i) => {
    cell.note = f.columns[i - 1].doc;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** docs/import-formats.md; a test keeps the file in step (regenerate: npx tsx src/features/imports/write-docs.ts). */
export function formatsMarkdown(): string {
  const out: string[] = [
    '# Importformater',
    '',
    '<!-- Genereret fra src/features/imports/formats.ts med `npx tsx src/features/imports/write-docs.ts`. Ret ikke i hånden. -->',
    '',
    'Registret indlæses fra CSV-filer eller Excel-ark (.xlsx), én fil pr. slags. Skabeloner med overskrifter og en',
    'eksempelrække kan hentes i appen under Import og på `GET /api/import-formats/<art>/template.csv` og `.../template.xlsx`.',
    '',
    '## Fælles regler',
    '',
    '- Første linje er overskrifterne. Kolonnenavne må stå i vilkårlig rækkefølge og med store eller små bogstaver;',
    '  ukendte kolonner afvises, påkrævede kolonner skal findes. Valgfrie kolonner må udelades: så bevares de',
    '  eksisterende værdier i de rækker, filen opdaterer.',
    '- CSV: semikolon, komma eller tabulator mellem felterne (aflæses af overskriften); felter i anførselstegn efter',
    '  RFC 4180. Tegnsæt UTF-8 med eller uden BOM eller Windows-1252 (det, dansk Excel gemmer som "CSV (semikolonsepareret)").',
    '- Tal: dansk skrivemåde (`1.234,5` eller `1234,5`) eller med decimalpunktum (`1234.5`). I en semikolon-fil læses',
    '  `1.234` som tusind to hundrede og fireogtredive; i en kommasepareret fil som et decimaltal. Procenttal må have `%`.',
    '- Kommunekoder og postnumre må mangle foranstillede nuller (`163` læses som `0163`). Kommunen skal findes.',
    '- Tomme linjer springes over. Et tomt felt i en valgfri kolonne betyder "ikke oplyst".',
    '- Alt eller intet: har blot én række en fejl, gemmes intet, og alle fejl vises med linjenummer (overskriften er',
    '  linje 1), kolonne og værdi. Importen registreres med sine fejl.',
    '- Rækker identificeres ved nøglen; en nyere fil opdaterer rækker med samme nøgle og tilføjer nye. Rækker, som filen',
    '  ikke nævner, slettes ikke (undtagen afgrænsningen af boligområder, se nedenfor). Samme fil to gange ændrer intet.',
    '- Hver række får kilde (standard: filnavnet), opgørelsesdato (standard: importdagen) og importens nummer.',
    '',
    '## Rækkefølge',
    '',
    'Boligorganisationer før afdelinger; afdelinger før boliger, nøgletal pr. afdeling og afdelinger i boligområder;',
    'boligområder før afdelinger i boligområder og nøgletal pr. boligområde.',
    '',
  ];
  for (const kind of importKinds) {
    const f = formats[kind];
    out.push(`## ${f.title} (\`${kind}\`)`, '', f.doc, '', `Nøglekolonner: ${f.naturalKey.map((k) => `\`${k}\``).join(', ')}.`, '');
    out.push('| kolonne | påkrævet | type | beskrivelse | eksempel |', '| --- | --- | --- | --- | --- |');
    for (const c of f.columns) {
      const esc = (s: string) => s.replace(/\|/g, '\\|');
      out.push(`| \`${c.name}\` | ${c.required ? 'ja' : 'nej'} | ${esc(describeType(c.type))} | ${esc(c.doc)} | \`${c.example}\` |`);
    }
    out.push('');
  }
  return out.join('\n');
}

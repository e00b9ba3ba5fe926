import { describe, it, expect } from 'vitest';
import { renderDocumentPdf, renderListPdf, PDF_MAX_CELL_CHARS, groupsThousands } from './pdf.ts';
import { SUPPRESSED_MARK, type ExportSpec } from './export.ts';
import { pdfText } from '../../../tests/pdf-text.ts';

const now = new Date('2026-11-23T13:05:00Z'); // 14:05 in Copenhagen
const mediaBox = (pdf: Buffer) => /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'))!.slice(1).map(Number);

describe('renderDocumentPdf', () => {
  it('writes a PDF with title, subtitle, headed paragraphs, a table with Danish numbers and the time, in Danish letters', async () => {
    const pdf = await renderDocumentPdf({
      title: 'Forklaring for Ærøparken',
      subtitle: 'Liste pr. 1. december 2024',
      now,
      sections: [
        { heading: 'Kriterier', paragraphs: ['Området er udsat efter § 61 a, stk. 1.', 'Østergården og Åbyen indgår ikke.'] },
        {
          heading: 'Tal',
          table: {
            columns: ['Kriterium', { header: 'Andel (pct.)', type: 'decimal', decimals: 1 }, 'Beboere', { header: 'År', type: 'int' }],
            rows: [
              ['Uden for arbejdsmarkedet', 40.75, 1234, 2024],
              ['Dømte', 2.7, 1234567, 2023],
            ],
          },
        },
      ],
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    const { pages } = pdfText(pdf);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toEqual([
      'Forklaring for Ærøparken',
      'Liste pr. 1. december 2024',
      'Dannet 23. november 2026 kl. 14.05',
      'Kriterier',
      'Området er udsat efter § 61 a, stk. 1.',
      'Østergården og Åbyen indgår ikke.',
      'Tal',
      'Kriterium Andel (pct.) Beboere År',
      // Fixed decimals, thousands separators, no separator in a year; an untyped number column too.
      'Uden for arbejdsmarkedet 40,8 1.234 2024',
      'Dømte 2,7 1.234.567 2023',
      'Forklaring for Ærøparken · Almen · 23.11.2026, 14.05 Side 1 af 1',
    ]);
    expect(mediaBox(pdf)).toEqual([595.28, 841.89]); // A4 portrait for a narrow table
  });

  it('repeats the table header on every page and numbers the pages "Side x af y"', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => [`Række ${i + 1}`, i * 1000 + 0.5]);
    const pdf = await renderDocumentPdf({ title: 'Mange rækker', now, sections: [{ table: { columns: ['Navn', { header: 'Beløb (kr.)', type: 'decimal' }], rows } }] });
    const { pages, text } = pdfText(pdf);
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((lines, i) => {
      expect(lines).toContain('Navn Beløb (kr.)');
      expect(lines.at(-1)).toBe(`Mange rækker · Almen · 23.11.2026, 14.05 Side ${i + 1} af ${pages.length}`);
    });
    // Every row once, in order, across the pages.
    const shown = text.split('\n').filter((l) => l.startsWith('Række '));
    expect(shown).toHaveLength(400);
    expect(shown[0]).toBe('Række 1 0,50');
    expect(shown[399]).toBe('Række 400 399.000,50');
  });

  it('says so when a table has no rows', async () => {
    const pdf = await renderDocumentPdf({ title: 'Tom', now, sections: [{ table: { columns: ['Navn', 'Antal'], rows: [] } }] });
    expect(pdfText(pdf).pages[0]).toEqual(expect.arrayContaining(['Navn Antal', 'Ingen rækker.']));
  });
});

type Item = {
  id: number;
  navn: string;
  adresse: string;
  antal: number | null;
  pct: number | null;
  aar: number;
  dato: string;
  provenance?: { kilde: string; opgjort_pr: string; import_job_id: number | null };
  suppressed?: string[];
};
const spec: ExportSpec<Item> = {
  name: 'test',
  title: 'Testliste',
  columns: [
    { header: 'Nr.', type: 'int', field: 'id' },
    { header: 'Navn', type: 'text', field: 'navn' },
    { header: 'Antal', type: 'int', field: 'antal' },
    { header: 'Andel (pct.)', type: 'decimal', field: 'pct', decimals: 1 },
    { header: 'Opførelsesår', type: 'int', field: 'aar' },
    { header: 'Opgjort pr.', type: 'date', field: 'dato' },
  ],
};
const item = (over: Partial<Item> = {}): Item => ({ id: 1, navn: 'Ærøparken', adresse: 'Ærøvej 1', antal: 1234, pct: 40.75, aar: 1975, dato: '2024-12-01', ...over });

describe('renderListPdf', () => {
  it('writes the list under its headings with what was exported, the source, the time and the suppression note', async () => {
    const pdf = await renderListPdf(
      spec,
      [
        item({ provenance: { kilde: 'Landsbyggefonden', opgjort_pr: '2024-06-30', import_job_id: 3 } }),
        item({ id: 12345, navn: 'Østergården', antal: null, pct: null, suppressed: ['antal', 'pct'], provenance: { kilde: 'Landsbyggefonden', opgjort_pr: '2023-06-30', import_job_id: 2 } }),
        item({ id: 3, navn: 'Åbyen', antal: 7, pct: 0.05, dato: '', provenance: { kilde: 'Danmarks Statistik', opgjort_pr: '2024-01-01', import_job_id: null } }),
      ],
      { filters: ['Kommune: 0101', 'Sorteret efter Navn, stigende'], now },
    );
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(pdf).pages).toEqual([
      [
        'Testliste',
        'Udtræk: Kommune: 0101 · Sorteret efter Navn, stigende',
        '3 rækker',
        'Kilde: Landsbyggefonden, opgjort pr. 30.06.2023–30.06.2024; Danmarks Statistik, opgjort pr. 01.01.2024. Udtrukket fra Almen.',
        'Dannet 23. november 2026 kl. 14.05',
        'Nr. Navn Antal Andel (pct.) Opførelsesår Opgjort pr.',
        '1 Ærøparken 1.234 40,8 1975 01.12.2024',
        `12345 Østergården ${SUPPRESSED_MARK} ${SUPPRESSED_MARK} 1975 01.12.2024`,
        '3 Åbyen 7 0,1 1975',
        `"${SUPPRESSED_MARK}" betyder, at tallet er udeladt for at beskytte enkeltpersoner (diskretionering: små antal og andele for små enheder,`,
        'samt et ekstra tal hvor en sum ellers ville afsløre det).',
        'Testliste · Almen · 23.11.2026, 14.05 Side 1 af 1',
      ],
    ]);
  });

  it('reads items from an async source; an empty list is a valid PDF that says "Ingen rækker"', async () => {
    async function* none(): AsyncGenerator<Item> {}
    const pdf = await renderListPdf(spec, none(), { now });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const lines = pdfText(pdf).pages[0];
    expect(lines).toEqual(expect.arrayContaining(['Udtræk: hele listen, som du har adgang til', '0 rækker', 'Ingen rækker matcher udtrækket.']));
    expect(lines.join('\n')).not.toContain('betyder, at tallet er udeladt'); // no note without a suppressed cell
  });

  it('turns to landscape for many columns and shortens very long cells', async () => {
    const wide: ExportSpec<Record<string, unknown>> = {
      name: 'bred',
      title: 'Bred liste',
      columns: Array.from({ length: 14 }, (_, i) => ({ header: `Kolonne ${i + 1}`, type: 'text' as const, field: `k${i}` })),
    };
    const long = 'ord '.repeat(300).trim();
    const row = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`k${i}`, i === 0 ? long : `Værdi ${i}`]));
    const pdf = await renderListPdf(wide, [row], { now });
    expect(mediaBox(pdf)).toEqual([841.89, 595.28]);
    const text = pdfText(pdf).text;
    expect(text).toContain('Værdi 13');
    expect(text).toContain('…');
    expect((text.match(/\bord\b/g) ?? []).length).toBe(long.slice(0, PDF_MAX_CELL_CHARS - 1).split(' ').length);
  });
});

describe('groupsThousands', () => {
  it('groups counts and amounts, not years and numbers that are names', () => {
    const grouped = ['Antal', 'Boliger i alt', 'Husleje (kr.)', 'Beboere 0-17 år', 'Beboere 65+ år', 'Behandlingstid'];
    expect(grouped.filter((header) => !groupsThousands({ header }))).toEqual([]);
    const plain = ['År', 'Opførelsesår', 'Beboere, år', 'LBF-nr.', 'Afdelingsnr.', 'Nr.', 'Lejemålsnummer', 'Id', 'Afdeling (id)', 'Importjob'];
    expect(plain.filter((header) => groupsThousands({ header }))).toEqual([]);
    expect(groupsThousands({ header: 'Opførelsesår', grouping: true })).toBe(true);
  });
});

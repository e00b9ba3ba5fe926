import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { formats, importKinds } from './formats.ts';
import { targets } from './targets.ts';
import { refKeyColumns } from './rows.ts';
import { describeType, formatsMarkdown, templateCsv } from './templates.ts';
import { docsPath } from './write-docs.ts';

describe('import formats', () => {
  it('docs/import-formats.md matches formats.ts (regenerate: npx tsx src/features/imports/write-docs.ts)', () => {
    expect(readFileSync(docsPath, 'utf8')).toBe(formatsMarkdown());
  });

  it.each(importKinds)('%s: every file column lands in a table column or finds a reference, and the key is covered', (kind) => {
    const t = targets[kind];
    const used = new Set([...t.columns.flatMap((c) => (c.file ? [c.file] : [])), ...t.refs.flatMap(refKeyColumns)]);
    expect(formats[kind].columns.map((c) => c.name).filter((n) => !used.has(n))).toEqual([]);
    const dbCols = t.columns.map((c) => c.db);
    expect(t.key.filter((k) => !dbCols.includes(k))).toEqual([]);
    for (const c of t.columns.filter((c) => !c.file)) {
      expect(t.refs.some((r) => r.fills.id === c.db || r.fills.kommunekode === c.db)).toBe(true);
    }
  });

  it('describes types in Danish and writes templates as Danish Excel does', () => {
    expect(describeType({ t: 'decimal', min: 0, max: 100, scale: 2 })).toBe('tal med højst 2 decimaler, 0–100');
    expect(describeType({ t: 'int', min: 0, max: 99999 })).toBe('heltal, 0–99.999');
    const csv = templateCsv('boligmasse').toString('utf8');
    expect(csv).toBe('\uFEFFkommunekode;aar;boliger_i_alt\r\n0163;2024;13500\r\n');
  });
});

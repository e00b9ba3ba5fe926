// Key figures by year: a chart of one chosen figure and a table of all of them (years as columns).
import { useId, useMemo, useState } from 'react';
import type { ValueKind } from '../format.ts';
import type { Noegletal } from '../types.ts';
import { ChartFigure } from './ChartFigure.tsx';
import { DataTable, type Column } from './DataTable.tsx';
import { Provenance } from './Provenance.tsx';

type Key = keyof Omit<Noegletal, 'aar' | 'provenance' | 'suppressed'>;

export const keyFigureDefs: { key: Key; label: string; kind: ValueKind }[] = [
  { key: 'beboere', label: 'Beboere', kind: 'int' },
  { key: 'husstande', label: 'Husstande', kind: 'int' },
  { key: 'beboere_0_17', label: 'Beboere 0-17 år', kind: 'int' },
  { key: 'beboere_18_64', label: 'Beboere 18-64 år', kind: 'int' },
  { key: 'beboere_65_plus', label: 'Beboere 65 år og derover', kind: 'int' },
  { key: 'uden_for_arbejde_pct', label: 'Uden for arbejde eller uddannelse (18-64 år)', kind: 'pct' },
  { key: 'doemte_pct', label: 'Dømte (18 år og derover)', kind: 'pct' },
  { key: 'kun_grundskole_pct', label: 'Kun grundskole (30-59 år)', kind: 'pct' },
  { key: 'indkomst_pct_af_region', label: 'Indkomst i pct. af regionens gennemsnit', kind: 'pct' },
  { key: 'ikke_vestlige_pct', label: 'Ikke-vestlig baggrund', kind: 'pct' },
  { key: 'fraflytning_pct', label: 'Fraflytning', kind: 'pct' },
  { key: 'ledige_boliger', label: 'Ledige boliger', kind: 'int' },
  { key: 'husordenssager', label: 'Husordenssager', kind: 'int' },
  { key: 'restancesager', label: 'Restancesager', kind: 'int' },
  { key: 'venteliste', label: 'Venteliste', kind: 'int' },
];

export function KeyFigureHistory({ rows, id = 'noegletal' }: { rows: Noegletal[]; id?: string }) {
  const uid = useId();
  const sorted = useMemo(() => [...rows].sort((a, b) => a.aar - b.aar), [rows]);
  const present = keyFigureDefs.filter((d) => sorted.some((r) => r[d.key] != null || r.suppressed?.includes(d.key)));
  const [chosen, setChosen] = useState<Key>(present[0]?.key ?? 'beboere');
  const def = present.find((d) => d.key === chosen) ?? present[0];

  type Row = Record<string, unknown> & { id: string; suppressed: string[] };
  const tableRows: Row[] = present.map((d) => {
    const r: Row = { id: d.key, label: d.label, suppressed: [] };
    for (const n of sorted) {
      r[`y${n.aar}`] = n[d.key];
      if (n.suppressed?.includes(d.key)) r.suppressed.push(`y${n.aar}`);
    }
    return r;
  });
  // A row's cells share its figure's kind, so each year column formats per row.
  const columns: Column<Row>[] = [
    { key: 'label', header: 'Nøgletal', rowHeader: true },
    ...sorted.map((n) => ({
      key: `y${n.aar}`,
      header: String(n.aar),
      kind: 'number' as ValueKind,
      rowKind: (r: Row) => kindOf.get(r.id) ?? 'number',
    })),
  ];

  if (!sorted.length || !def) return <p>Der er ingen nøgletal endnu.</p>;
  const years = sorted.map((n) => n.aar);
  const series = [
    {
      name: def.label,
      values: sorted.map((n) => n[def.key]),
      suppressed: sorted.map((n) => !!n.suppressed?.includes(def.key)),
      kind: def.kind,
    },
  ];
  return (
    <ChartFigure
      id={id}
      title="Nøgletal over tid"
      type="line"
      categoryHeader="År"
      categories={years}
      series={series}
      controls={
        <div className="form-group chart-control">
          <label className="form-label" htmlFor={`${uid}-fig`}>
            Nøgletal i diagrammet
          </label>
          <select id={`${uid}-fig`} className="form-select" value={def.key} onChange={(e) => setChosen(e.target.value as Key)}>
            {present.map((d) => (
              <option key={d.key} value={d.key}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
      }
      table={<DataTable caption="Nøgletal pr. år" compact columns={columns} rows={tableRows} rowKey={(r) => r.id} />}
      footer={<Provenance items={sorted.map((n) => n.provenance)} label="Kilde til nøgletal" />}
    />
  );
}

const kindOf = new Map<string, ValueKind>(keyFigureDefs.map((d) => [d.key, d.kind]));

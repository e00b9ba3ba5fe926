// A chart with an accessible table of the same figures beside it.
import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { fmtInt, fmtPct, fmtValue, type ValueKind } from '../format.ts';
import { DataTable, type Column } from './DataTable.tsx';
import { Loading } from './Status.tsx';

const EChart = lazy(() => import('./EChart.tsx'));

export interface Series {
  name: string;
  values: (number | null)[];
  /** Positions whose value is suppressed (shown as "–"). */
  suppressed?: boolean[];
  kind: ValueKind;
  /** Shown in the table only (e.g. shares beside counts). */
  tableOnly?: boolean;
  /** The series' own colour (e.g. a category's colour used elsewhere on the page); else the palette's. */
  color?: string;
}

export const palette = ['#0059b3', '#008139', '#a34700', '#6e2c91', '#00606e'];

function axisFormatter(kind: ValueKind) {
  return (v: number) => (kind === 'pct' ? fmtPct(v, 0) : fmtInt(v));
}

export function chartOption(type: 'bar' | 'line', categories: (string | number)[], series: Series[]) {
  const shown = series.filter((s) => !s.tableOnly);
  const kind = shown[0]?.kind ?? 'int';
  return {
    color: shown.map((s, i) => s.color ?? palette[i % palette.length]),
    animationDuration: 300,
    textStyle: { fontFamily: 'IBM Plex Sans, Arial, sans-serif', color: '#1a1a1a' },
    grid: { left: 16, right: 24, top: shown.length > 1 ? 48 : 24, bottom: 8, containLabel: true },
    legend: shown.length > 1 ? { top: 0, textStyle: { fontSize: 14 } } : undefined,
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number | null) => (v == null ? '–' : fmtValue(v, kind)),
    },
    xAxis: { type: 'category', data: categories.map(String), axisLabel: { fontSize: 14, color: '#1a1a1a' } },
    yAxis: {
      type: 'value',
      axisLabel: { fontSize: 13, color: '#1a1a1a', formatter: axisFormatter(kind) },
      scale: type === 'line' && kind !== 'pct',
      // Counts have whole-number ticks (no "1, 1, 2, 2" from rounded half steps).
      minInterval: kind === 'int' ? 1 : undefined,
    },
    series: shown.map((s) => ({
      name: s.name,
      type,
      data: s.values.map((v, i) => (s.suppressed?.[i] ? null : v)),
      connectNulls: false,
      barMaxWidth: 64,
      symbolSize: 8,
      lineStyle: { width: 3 },
      label: type === 'bar' && shown.length === 1 ? { show: true, position: 'top', formatter: (p: { value: number }) => fmtValue(p.value, kind) } : undefined,
    })),
  };
}

/** Describes the chart in words for its aria-label. */
function describe(type: 'bar' | 'line', title: string) {
  return `${type === 'bar' ? 'Søjlediagram' : 'Kurvediagram'}: ${title}. Tallene står i tabellen ved siden af.`;
}

export function ChartFigure({
  id,
  title,
  type,
  categoryHeader,
  categories,
  series,
  height = 300,
  level = 2,
  table,
  controls,
  footer,
}: {
  id: string;
  title: string;
  type: 'bar' | 'line';
  categoryHeader: string;
  categories: (string | number)[];
  series: Series[];
  height?: number;
  level?: 2 | 3;
  /** Replaces the generated table (when a fuller table of the same figures is shown). */
  table?: ReactNode;
  controls?: ReactNode;
  footer?: ReactNode;
}) {
  const option = useMemo(() => chartOption(type, categories, series), [type, categories, series]);
  const H = `h${level}` as 'h2' | 'h3';
  type Row = Record<string, unknown> & { id: string; suppressed: string[] };
  const rows: Row[] = categories.map((c, i) => {
    const r: Row = { id: String(c), category: c, suppressed: [] };
    series.forEach((s, j) => {
      r[`s${j}`] = s.values[i];
      if (s.suppressed?.[i]) r.suppressed.push(`s${j}`);
    });
    return r;
  });
  const columns: Column<Row>[] = [
    { key: 'category', header: categoryHeader, rowHeader: true },
    ...series.map((s, j) => ({ key: `s${j}`, header: s.name, kind: s.kind })),
  ];
  return (
    <section className="chart-figure" aria-labelledby={id}>
      <H id={id}>{title}</H>
      {controls}
      <div className="row">
        <div className="col-12 col-lg-7 chart-col">
          <Suspense fallback={<Loading text="Tegner diagram …" />}>
            <EChart option={option} label={describe(type, title)} height={height} />
          </Suspense>
        </div>
        <div className="col-12 col-lg-5">
          {table ?? <DataTable caption={title} compact columns={columns} rows={rows} rowKey={(r) => r.id} />}
        </div>
      </div>
      {footer}
    </section>
  );
}

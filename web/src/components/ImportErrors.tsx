// The report of every rejected row: linje, kolonne, fejl, værdi — paged, and downloadable as CSV.
import { useId, useState } from 'react';
import { downloadText, toCsv } from '../download.ts';
import { fmtInt } from '../format.ts';
import type { ImportRowError } from '../types.ts';
import { DataTable, type Column } from './DataTable.tsx';
import { Icon } from './Icon.tsx';
import { Pagination } from './Pagination.tsx';

const PAGE = 50;

type Row = ImportRowError & { id: number };
const columns: Column<Row>[] = [
  { key: 'line', header: 'Linje', kind: 'code', value: (r) => r.line ?? '' },
  { key: 'column', header: 'Kolonne', value: (r) => r.column ?? '' },
  { key: 'message', header: 'Fejl' },
  { key: 'value', header: 'Værdi', render: (r) => (r.value == null || r.value === '' ? <span className="value-missing">(tom)</span> : <code>{r.value}</code>) },
];

export function ImportErrors({
  errors,
  total = errors.length,
  fileName,
  headingLevel = 3,
}: {
  errors: ImportRowError[];
  /** All errors in the file; the server sends the first ones. */
  total?: number;
  fileName: string;
  headingLevel?: 2 | 3;
}) {
  const [page, setPage] = useState(1);
  // Its own heading id, so that two reports (two upload forms) on one page do not share one.
  const headingId = `${useId()}-import-errors-heading`;
  // Reports that carry no values (the area-list files) leave the column out rather than showing "(tom)".
  const shownColumns = errors.some((e) => e.value !== undefined) ? columns : columns.filter((c) => c.key !== 'value');
  const rows: Row[] = errors.map((e, i) => ({ ...e, id: i }));
  const pageCount = Math.ceil(rows.length / PAGE);
  const shown = rows.slice((page - 1) * PAGE, page * PAGE);
  const H = `h${headingLevel}` as 'h2' | 'h3';
  const exportCsv = () =>
    downloadText(
      `fejl-${fileName.replace(/\.[^.]+$/, '')}.csv`,
      toCsv(
        ['Linje', 'Kolonne', 'Fejl', 'Værdi'],
        errors.map((e) => [e.line, e.column, e.message, e.value]),
      ),
    );
  return (
    <section className="import-errors" aria-labelledby={headingId}>
      <div className="list-toolbar">
        <H id={headingId} className="mt-0">
          Fejlrapport: {fmtInt(Math.max(total, errors.length))} fejl
        </H>
        <button type="button" className="button button-secondary" onClick={exportCsv}>
          <Icon name="download" />
          Eksportér fejlrapport (CSV)
        </button>
      </div>
      {total > errors.length && (
        <p>
          Rapporten viser de første {fmtInt(errors.length)} af {fmtInt(total)} fejl. Ret dem, og importér igen for at se resten.
        </p>
      )}
      <DataTable caption={`Fejl i ${fileName}`} compact columns={shownColumns} rows={shown} rowKey={(r) => r.id} />
      {pageCount > 1 && (
        <div className="table-pagination-options">
          <p className="mb-0">
            Fejl {fmtInt((page - 1) * PAGE + 1)}–{fmtInt(Math.min(rows.length, page * PAGE))} af {fmtInt(rows.length)}
          </p>
          <Pagination page={page} pageCount={pageCount} onPage={setPage} label="Sider i fejlrapporten" />
        </div>
      )}
    </section>
  );
}

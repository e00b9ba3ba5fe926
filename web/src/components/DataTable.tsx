// The one table: dkfds classes, optional sortable headers (aria-sort), Danish formats, suppressed cells.
import type { ReactNode } from 'react';
import { isNumericKind, type ValueKind } from '../format.ts';
import { Icon } from './Icon.tsx';
import { SuppressedNote, Value } from './Value.tsx';

export interface Column<T> {
  /** Field name; also the API's sort key when sortable. */
  key: string;
  header: string;
  kind?: ValueKind;
  /** Per-row kind, when a column mixes figures (a year column of a key-figure table). */
  rowKind?: (row: T) => ValueKind;
  sortable?: boolean;
  value?: (row: T) => unknown;
  /** Custom cell content (e.g. a link); suppression still applies. */
  render?: (row: T) => ReactNode;
  /** The cell names the row (th scope="row"). */
  rowHeader?: boolean;
  /** Value as plain text for exports made in the browser. */
  text?: (row: T) => string;
}

export type Order = 'asc' | 'desc';
export interface SortState {
  key: string;
  order: Order;
}

type Row = { suppressed?: string[] } & object;

export function cellValue<T>(col: Column<T>, row: T): unknown {
  return col.value ? col.value(row) : (row as Record<string, unknown>)[col.key];
}

export function isSuppressed(row: unknown, key: string): boolean {
  const s = (row as Row).suppressed;
  return Array.isArray(s) && s.includes(key);
}

export function DataTable<T>({
  caption,
  captionHidden,
  columns,
  rows,
  rowKey,
  sort,
  onSort,
  busy,
  compact,
  id,
}: {
  caption: ReactNode;
  captionHidden?: boolean;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T, i: number) => string | number;
  sort?: SortState;
  onSort?: (key: string) => void;
  busy?: boolean;
  compact?: boolean;
  id?: string;
}) {
  const anySuppressed = rows.some((r) => columns.some((c) => isSuppressed(r, c.key)));
  return (
    <>
      <div className="table--responsive-scroll" tabIndex={0}>
        <table className={`table table--zebra${compact ? ' table--compact' : ''}`} aria-busy={busy || undefined} id={id}>
          <caption className={captionHidden ? 'sr-only' : undefined}>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => {
                const numeric = isNumericKind(c.kind ?? 'text');
                const active = sort?.key === c.key;
                const ariaSort = c.sortable && onSort ? (active ? (sort!.order === 'asc' ? 'ascending' : 'descending') : 'none') : undefined;
                return (
                  <th key={c.key} scope="col" aria-sort={ariaSort} className={numeric ? 'align-text-right' : undefined}>
                    {c.sortable && onSort ? (
                      <button type="button" className="button button-unstyled sort-button" onClick={() => onSort(c.key)}>
                        {c.header}
                        <span className="sr-only">
                          {active ? (sort!.order === 'asc' ? ', sorter faldende' : ', sorter stigende') : ', sorter efter denne kolonne'}
                        </span>
                        <Icon
                          name={active ? (sort!.order === 'asc' ? 'sort-table-ascending' : 'sort-table-descending') : 'sort-table-none'}
                          className="mr-0 ml-2"
                        />
                      </button>
                    ) : (
                      c.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={rowKey(r, i)}>
                {columns.map((c) => {
                  const suppressed = isSuppressed(r, c.key);
                  const content = !suppressed && c.render ? c.render(r) : <Value value={cellValue(c, r)} kind={c.rowKind?.(r) ?? c.kind} suppressed={suppressed} />;
                  const cls = isNumericKind(c.kind ?? 'text') ? 'align-text-right' : undefined;
                  return c.rowHeader ? (
                    <th key={c.key} scope="row" className={cls}>
                      {content}
                    </th>
                  ) : (
                    <td key={c.key} className={cls}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {anySuppressed && <SuppressedNote />}
    </>
  );
}

// A server-side list: search and filters, sortable columns, pages and exports, all kept in the URL.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { apiUrl, useApi, type Params } from '../api.ts';
import { fmtInt } from '../format.ts';
import { useQueryState, withParams } from '../router.tsx';
import type { ListAnswer, Provenance as P } from '../types.ts';
import { DataTable, type Column, type Order } from './DataTable.tsx';
import { Icon } from './Icon.tsx';
import { Pagination } from './Pagination.tsx';
import { Provenance } from './Provenance.tsx';
import { ErrorAlert, Loading } from './Status.tsx';

export interface FilterDef {
  name: string;
  label: string;
  type: 'text' | 'number';
  /** A value that does not match is not applied and is shown with the message. */
  pattern?: RegExp;
  invalidMessage?: string;
}

const PAGE_SIZES = [25, 50, 100];

export function ListView<T extends { id: number; provenance?: P }>({
  endpoint,
  noun,
  columns,
  defaultSort,
  defaultOrder = 'asc',
  fixed,
  enabled = true,
  filters = [],
  searchLabel,
  searchHint,
  caption,
}: {
  endpoint: string;
  /** Singular and plural, lower case: ['afdeling', 'afdelinger']. */
  noun: [string, string];
  columns: Column<T>[];
  defaultSort: string;
  defaultOrder?: Order;
  /** Filters not shown to the user (kommunekode, boligorganisation_id). */
  fixed?: Params;
  enabled?: boolean;
  filters?: FilterDef[];
  searchLabel: string;
  searchHint?: string;
  caption: string;
}) {
  const uid = useId();
  const [qs, setQs] = useQueryState();
  const fieldNames = ['q', ...filters.map((f) => f.name)];
  const applied = Object.fromEntries(fieldNames.map((n) => [n, qs.get(n) ?? '']));
  const sortable = columns.filter((c) => c.sortable).map((c) => c.key);
  const sortKey = sortable.includes(qs.get('sort') ?? '') ? qs.get('sort')! : defaultSort;
  const order: Order = qs.get('order') === 'desc' ? 'desc' : qs.get('order') === 'asc' ? 'asc' : defaultOrder;
  const pageSize = PAGE_SIZES.includes(Number(qs.get('antal'))) ? Number(qs.get('antal')) : PAGE_SIZES[0];
  const page = Math.max(1, Number.parseInt(qs.get('side') ?? '1', 10) || 1);

  const query: Params = { ...fixed, ...applied, sort: sortKey, order };
  const { data, error, loading, reload } = useApi<ListAnswer<T>>(enabled ? endpoint : null, {
    ...query,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });

  // The fields as typed; applied to the URL after a pause in typing, or at once on submit.
  const [draft, setDraft] = useState(applied);
  const appliedKey = JSON.stringify(applied);
  useEffect(() => setDraft(applied), [appliedKey]);
  const [checked, setChecked] = useState<string[]>([]);
  const invalid = (f: FilterDef) => !!draft[f.name] && !!f.pattern && !f.pattern.test(draft[f.name].trim());
  const changes = () => {
    const c: Record<string, string | null> = {};
    for (const n of fieldNames) {
      const f = filters.find((x) => x.name === n);
      if (f && invalid(f)) continue;
      if ((draft[n] ?? '').trim() !== (applied[n] ?? '')) c[n] = draft[n].trim() || null;
    }
    return c;
  };
  useEffect(() => {
    const c = changes();
    if (!Object.keys(c).length) return;
    const t = setTimeout(() => setQs({ ...c, side: null }, { replace: true }), 400);
    return () => clearTimeout(t);
  }, [JSON.stringify(draft)]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(filters.map((f) => f.name));
    const c = changes();
    if (Object.keys(c).length) setQs({ ...c, side: null });
  };

  const onSort = (key: string) => {
    const next: Order = key === sortKey ? (order === 'asc' ? 'desc' : 'asc') : 'asc';
    setQs({ sort: key, order: next, side: null });
  };

  const total = data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const rows = data?.items ?? [];
  const from = total ? (page - 1) * pageSize + 1 : 0;
  const to = Math.min(total, (page - 1) * pageSize + rows.length);
  const filtered = fieldNames.some((n) => applied[n]);
  const exportHref = (format: 'csv' | 'xlsx') => apiUrl(endpoint, { ...query, format });

  return (
    <div className="list-view">
      <form className="list-filters" onSubmit={submit} role="search" aria-label={`Søg i ${noun[1]}`}>
        <div className="form-group search-field">
          <label className="form-label" htmlFor={`${uid}-q`}>
            {searchLabel}
          </label>
          {searchHint && (
            <span className="form-hint" id={`${uid}-q-hint`}>
              {searchHint}
            </span>
          )}
          <input
            id={`${uid}-q`}
            className="form-input"
            type="search"
            value={draft.q ?? ''}
            aria-describedby={searchHint ? `${uid}-q-hint` : undefined}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        </div>
        {filters.map((f) => {
          const bad = invalid(f) && checked.includes(f.name);
          return (
            <div className={`form-group filter-field${bad ? ' form-error' : ''}`} key={f.name}>
              <label className="form-label" htmlFor={`${uid}-${f.name}`}>
                {f.label}
              </label>
              {bad && (
                <span className="form-error-message" id={`${uid}-${f.name}-error`}>
                  <span className="sr-only">Fejl: </span>
                  {f.invalidMessage}
                </span>
              )}
              <input
                id={`${uid}-${f.name}`}
                className="form-input input-width-xs"
                type="text"
                inputMode={f.type === 'number' ? 'numeric' : undefined}
                aria-invalid={bad || undefined}
                aria-describedby={bad ? `${uid}-${f.name}-error` : undefined}
                value={draft[f.name] ?? ''}
                onChange={(e) => setDraft({ ...draft, [f.name]: e.target.value })}
                onBlur={() => setChecked((c) => (c.includes(f.name) ? c : [...c, f.name]))}
              />
            </div>
          );
        })}
        <div className="form-group filter-submit">
          <button type="submit" className="button button-primary">
            <Icon name="search" />
            Søg
          </button>
        </div>
      </form>

      <div className="list-toolbar">
        <p className="rows-message" aria-live="polite" aria-atomic="true">
          {!data
            ? ''
            : total === 0
              ? filtered
                ? `Ingen ${noun[1]} matcher søgningen.`
                : `Der er ingen ${noun[1]} endnu.`
              : `Viser ${fmtInt(from)}–${fmtInt(to)} af ${fmtInt(total)} ${total === 1 ? noun[0] : noun[1]}`}
        </p>
        <div className="export-buttons">
          <a className="button button-secondary" href={exportHref('csv')} download>
            <Icon name="download" />
            Eksportér CSV
          </a>
          <a className="button button-secondary" href={exportHref('xlsx')} download>
            <Icon name="file-excel" />
            Eksportér Excel
          </a>
        </div>
      </div>

      {error ? (
        <ErrorAlert error={error} onRetry={reload} what={noun[1][0].toUpperCase() + noun[1].slice(1)} />
      ) : !data ? (
        <Loading text={`Henter ${noun[1]} …`} />
      ) : rows.length ? (
        <DataTable
          caption={caption}
          captionHidden
          columns={columns}
          rows={rows}
          rowKey={(r) => r.id}
          sort={{ key: sortKey, order }}
          onSort={onSort}
          busy={loading}
        />
      ) : null}

      {data && (total > pageSize || pageSize !== PAGE_SIZES[0]) && (
        <div className="table-pagination-options">
          <div className="form-group">
            <label className="form-label" htmlFor={`${uid}-size`}>
              Rækker pr. side
            </label>
            <select
              id={`${uid}-size`}
              className="form-select"
              value={pageSize}
              onChange={(e) => setQs({ antal: e.target.value === String(PAGE_SIZES[0]) ? null : e.target.value, side: null })}
            >
              {PAGE_SIZES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <Pagination
            page={Math.min(page, pageCount)}
            pageCount={pageCount}
            label={`Sider i listen over ${noun[1]}`}
            hrefFor={(p) => withParams(location.pathname + location.search, { side: p === 1 ? null : String(p) })}
          />
        </div>
      )}
      {data && <Provenance items={rows.map((r) => r.provenance)} />}
    </div>
  );
}

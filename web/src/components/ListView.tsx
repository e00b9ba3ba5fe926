// A server-side list: search and filters, sortable columns, pages and exports, all kept in the URL.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useApi, type Params } from '../api.ts';
import { fmtInt } from '../format.ts';
import { useQueryState, withParams } from '../router.tsx';
import type { ListAnswer, Provenance as P } from '../types.ts';
import { DataTable, type Column, type Order } from './DataTable.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { SelectField, TextField, type Option } from './Form.tsx';
import { Icon } from './Icon.tsx';
import { Pagination } from './Pagination.tsx';
import { Provenance } from './Provenance.tsx';
import { ErrorAlert, Loading } from './Status.tsx';

export interface FilterDef {
  name: string;
  label: string;
  type: 'text' | 'number' | 'date' | 'select';
  /** The choices of a select ("Alle" is always first). */
  options?: Option[];
  hint?: string;
  /** Input width (dkfds input-width-*); xs by default. */
  width?: 'xs' | 's' | 'm';
  /** A value that does not match is not applied and is shown with the message. */
  pattern?: RegExp;
  invalidMessage?: string;
}

const PAGE_SIZES = [25, 50, 100];
const LIST_PAGING = ['limit', 'offset', 'sort', 'order'];

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
  /** Without it (and without sortable columns) the list is in the API's own order. */
  defaultSort?: string;
  defaultOrder?: Order;
  /** Filters not shown to the user (kommunekode, boligorganisation_id). */
  fixed?: Params;
  enabled?: boolean;
  filters?: FilterDef[];
  /** Label of the free-text search (q); without it there is none. */
  searchLabel?: string;
  searchHint?: string;
  caption: string;
}) {
  const uid = useId();
  const [qs, setQs] = useQueryState();
  const fieldNames = [...(searchLabel ? ['q'] : []), ...filters.map((f) => f.name)];
  const applied = Object.fromEntries(fieldNames.map((n) => [n, qs.get(n) ?? '']));
  const sortable = columns.filter((c) => c.sortable).map((c) => c.key);
  const sortKey = sortable.includes(qs.get('sort') ?? '') ? qs.get('sort')! : defaultSort;
  const sorted = sortKey !== undefined;
  const order: Order = qs.get('order') === 'desc' ? 'desc' : qs.get('order') === 'asc' ? 'asc' : defaultOrder;
  const pageSize = PAGE_SIZES.includes(Number(qs.get('antal'))) ? Number(qs.get('antal')) : PAGE_SIZES[0];
  const page = Math.max(1, Number.parseInt(qs.get('side') ?? '1', 10) || 1);

  const query: Params = { ...fixed, ...applied, ...(sorted ? { sort: sortKey, order } : {}) };
  // Another page, order or page size keeps the old rows (busy); another search, filter or municipality does not,
  // or the rows and "Viser …" would stand under the new question.
  const { current: data, error, loading, reload } = useApi<ListAnswer<T>>(
    enabled ? endpoint : null,
    { ...query, limit: pageSize, offset: (page - 1) * pageSize },
    { paging: LIST_PAGING },
  );

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
  // While the next page loads, the rows (and so the "Viser …" message) are still those of the page before.
  const shownOffset = useRef((page - 1) * pageSize);
  if (data && !loading) shownOffset.current = (page - 1) * pageSize;
  const from = total ? shownOffset.current + 1 : 0;
  const to = Math.min(total, shownOffset.current + rows.length);
  const filtered = fieldNames.some((n) => applied[n]);

  return (
    <div className="list-view">
      <form className="list-filters" onSubmit={submit} role="search" aria-label={`Søg i ${noun[1]}`}>
        {searchLabel && (
          <TextField
            id={`${uid}-q`}
            className="search-field"
            label={searchLabel}
            hint={searchHint}
            type="search"
            value={draft.q ?? ''}
            onChange={(v) => setDraft({ ...draft, q: v })}
          />
        )}
        {filters.map((f) => {
          const bad = invalid(f) && checked.includes(f.name);
          const common = { id: `${uid}-${f.name}`, className: 'filter-field', label: f.label, hint: f.hint, value: draft[f.name] ?? '' };
          const set = (v: string) => setDraft({ ...draft, [f.name]: v });
          return f.type === 'select' ? (
            <SelectField key={f.name} {...common} options={f.options ?? []} placeholder="Alle" onChange={set} />
          ) : (
            <TextField
              key={f.name}
              {...common}
              error={bad ? f.invalidMessage : undefined}
              type={f.type === 'date' ? 'date' : 'text'}
              inputClassName={`input-width-${f.width ?? 'xs'}`}
              inputMode={f.type === 'number' ? 'numeric' : undefined}
              onChange={set}
              onBlur={() => setChecked((c) => (c.includes(f.name) ? c : [...c, f.name]))}
            />
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
        <ExportButtons endpoint={endpoint} params={query} />
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
          sort={sorted ? { key: sortKey, order } : undefined}
          onSort={sorted ? onSort : undefined}
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

import { fmtDate } from '../format.ts';
import { Link } from '../router.tsx';
import type { Provenance as P } from '../types.ts';

const datasets: Record<string, string> = {
  afdelinger: 'Afdelinger og boliger',
  boligomraader: 'Boligområder',
  noegletal: 'Nøgletal',
  boligmasse: 'Boligmassen i kommunen',
};

/** Unique sources (kilde + opgjort pr.), newest first; import jobs collected per source. */
export function uniqueProvenance(items: (P | null | undefined)[]): (P & { jobs: number[] })[] {
  const map = new Map<string, P & { jobs: number[] }>();
  for (const p of items) {
    if (!p || (!p.kilde && !p.opgjort_pr)) continue;
    const key = `${p.datasaet ?? ''}|${p.kilde ?? ''}|${p.opgjort_pr ?? ''}`;
    const e = map.get(key) ?? { ...p, jobs: [] };
    if (p.import_job_id != null && !e.jobs.includes(p.import_job_id)) e.jobs.push(p.import_job_id);
    map.set(key, e);
  }
  const order = (d?: string) => (d ? Object.keys(datasets).indexOf(d) : -1);
  return [...map.values()].sort((a, b) => order(a.datasaet) - order(b.datasaet) || (b.opgjort_pr ?? '').localeCompare(a.opgjort_pr ?? ''));
}

/** Where the figures come from: kilde, opgjort pr., and the import that brought them. */
export function Provenance({ items, label = 'Kilde' }: { items: (P | null | undefined)[]; label?: string }) {
  const list = uniqueProvenance(items);
  if (!list.length) return null;
  const shown = list.slice(0, 8);
  return (
    <div className="provenance">
      <p className="provenance-heading">{list.length > 1 ? label.replace(/^Kilde\b/, 'Kilder') : label}</p>
      <ul className="provenance-list">
        {shown.map((p) => (
          <li key={`${p.datasaet}|${p.kilde}|${p.opgjort_pr}`}>
            {p.datasaet && <>{datasets[p.datasaet] ?? p.datasaet}: </>}
            {p.kilde ?? 'Ukendt kilde'}
            {p.opgjort_pr && <>, opgjort pr. {fmtDate(p.opgjort_pr)}</>}
            {p.jobs.length > 0 && (
              <>
                {' '}
                ({p.jobs.length === 1 ? 'import ' : 'importer '}
                {p.jobs.slice(0, 3).map((j, i) => (
                  <span key={j}>
                    {i > 0 && ', '}
                    <Link to={`/import/${j}`}>nr. {j}</Link>
                  </span>
                ))}
                {p.jobs.length > 3 && ' m.fl.'})
              </>
            )}
          </li>
        ))}
        {list.length > shown.length && <li>og {list.length - shown.length === 1 ? 'én anden kilde' : `${list.length - shown.length} andre kilder`}</li>}
      </ul>
    </div>
  );
}

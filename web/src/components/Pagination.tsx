import type { ReactNode } from 'react';
import { Icon } from './Icon.tsx';
import { Link } from '../router.tsx';

/** Page numbers to show: 1 … c-1 c c+1 … n (null is a gap). */
export function pageList(current: number, count: number): (number | null)[] {
  if (count <= 7) return Array.from({ length: count }, (_, i) => i + 1);
  const set = new Set([1, count, current - 1, current, current + 1].filter((p) => p >= 1 && p <= count));
  if (current <= 4) [2, 3, 4, 5].forEach((p) => set.add(p));
  if (current >= count - 3) [count - 4, count - 3, count - 2, count - 1].forEach((p) => set.add(p));
  const pages = [...set].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  pages.forEach((p, i) => {
    if (i > 0 && p - pages[i - 1] > 1) out.push(null);
    out.push(p);
  });
  return out;
}

/** dkfds pagination as links (bookmarkable pages), or buttons when onPage is given. */
export function Pagination({
  page,
  pageCount,
  hrefFor,
  onPage,
  label = 'Sider',
}: {
  page: number;
  pageCount: number;
  hrefFor?: (p: number) => string;
  onPage?: (p: number) => void;
  label?: string;
}) {
  if (pageCount <= 1) return null;
  const item = (p: number, content: ReactNode, cls: string, aria: { label?: string; current?: boolean }) =>
    onPage ? (
      <button type="button" className={`button ${cls}`} aria-label={aria.label} aria-current={aria.current ? 'true' : undefined} onClick={() => onPage(p)}>
        {content}
      </button>
    ) : (
      <Link to={hrefFor!(p)} className={`button ${cls}`} aria-label={aria.label} aria-current={aria.current ? 'page' : undefined}>
        {content}
      </Link>
    );
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 &&
        item(
          page - 1,
          <>
            <Icon name="chevron-left" />
            <span className="pagination-nav-link">Forrige</span>
          </>,
          'button-arrow button-previous',
          { label: 'Forrige side' },
        )}
      <span className="pagination-mobile">
        Side {page} af {pageCount}
      </span>
      <ul className="pagination__items">
        {pageList(page, pageCount).map((p, i) =>
          p === null ? (
            <li className="pagination-item pagination-overflow" key={`gap${i}`}>
              <span aria-hidden="true">…</span>
            </li>
          ) : (
            <li className="pagination-item pagination-number" key={p}>
              {item(p, p, p === page ? 'current-page' : 'button-secondary', { label: `Side ${p}`, current: p === page })}
            </li>
          ),
        )}
      </ul>
      {page < pageCount &&
        item(
          page + 1,
          <>
            <span className="pagination-nav-link">Næste</span>
            <Icon name="chevron-right" />
          </>,
          'button-arrow button-next',
          { label: 'Næste side' },
        )}
    </nav>
  );
}

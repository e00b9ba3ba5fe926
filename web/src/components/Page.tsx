import { useEffect, useRef, type ReactNode } from 'react';
import { Link, navigationCount, useLocation } from '../router.tsx';
import { useKommune } from '../kommune.tsx';
import { Icon } from './Icon.tsx';

export interface Crumb {
  text: string;
  to?: string;
}

export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav className="breadcrumbs" aria-label="Brødkrumme">
      <ol className="breadcrumbs__list">
        {items.map((c, i) =>
          c.to ? (
            <li className="breadcrumbs__list-item" key={i}>
              {i > 0 && <Icon name="chevron-right" />}
              <Link className="breadcrumbs__link" to={c.to}>
                {c.text}
              </Link>
            </li>
          ) : (
            <li className="breadcrumbs__list-item" aria-current="page" key={i}>
              {i > 0 && <Icon name="chevron-right" />}
              {c.text}
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

/**
 * One page: breadcrumbs (when there is a path to show), <main> with the h1, the document title. After a
 * client-side navigation the h1 takes focus so screen readers hear the new page.
 */
export function Page({
  title,
  crumbs,
  lead,
  children,
}: {
  title: string;
  crumbs: Crumb[];
  lead?: ReactNode;
  children?: ReactNode;
}) {
  const h1 = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();
  const { kommune } = useKommune();
  useEffect(() => {
    document.title = `${title} – Almen`;
  }, [title]);
  useEffect(() => {
    if (navigationCount() > 0) h1.current?.focus({ preventScroll: true });
  }, [pathname]);
  return (
    <>
      {crumbs.length > 1 && <Breadcrumbs items={crumbs} />}
      <main id="main-content" tabIndex={-1} className="page-main">
        <h1 ref={h1} tabIndex={-1}>
          {title}
        </h1>
        {kommune?.demo && <DemoBanner navn={kommune.navn} />}
        {lead && <p className="font-lead">{lead}</p>}
        {children}
      </main>
    </>
  );
}

/** A titled section with its own h2 (labels the region for screen readers). */
export function Section({ id, title, children, className }: { id: string; title: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section aria-labelledby={id} className={`page-section${className ? ' ' + className : ''}`}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** Shown on every page while a demo municipality is chosen. */
export function DemoBanner({ navn }: { navn: string }) {
  return (
    <div className="alert alert-warning demo-banner">
      <svg className="icon-svg alert-icon" focusable="false" role="img" aria-label="Advarsel">
        <use href="#warning" />
      </svg>
      <div className="alert-body">
        <p className="alert-text">
          <strong className="demo-banner-heading">Demodata — genererede tal, ikke virkelige.</strong> {navn} er en demokommune; tallene
          er genereret til afprøvning og beskriver ikke virkelige boliger eller personer.
        </p>
      </div>
    </div>
  );
}

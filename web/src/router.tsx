// A tiny router on the history API: location as an external store, links, path patterns, query state.
import { createContext, useCallback, useContext, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();
let clientNavigations = 0;

function subscribe(cb: () => void) {
  listeners.add(cb);
  window.addEventListener('popstate', cb);
  return () => {
    listeners.delete(cb);
    window.removeEventListener('popstate', cb);
  };
}
const snapshot = () => location.pathname + location.search;

if (typeof window !== 'undefined') window.addEventListener('popstate', () => clientNavigations++);

export function navigate(to: string, opts: { replace?: boolean; keepScroll?: boolean } = {}) {
  if (to === snapshot()) return;
  if (opts.replace) history.replaceState(null, '', to);
  else {
    history.pushState(null, '', to);
    clientNavigations++;
    if (!opts.keepScroll) window.scrollTo(0, 0);
  }
  listeners.forEach((l) => l());
}

/** How many client-side navigations have happened (0 on the first page load). */
export const navigationCount = () => clientNavigations;

export function useLocation(): { pathname: string; search: URLSearchParams; href: string } {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  const i = href.indexOf('?');
  return {
    pathname: i < 0 ? href : href.slice(0, i),
    search: new URLSearchParams(i < 0 ? '' : href.slice(i)),
    href,
  };
}

/** Matches '/afdelinger/:id' against a path; returns the parameters or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

/** Query parameters every internal link carries along (the chosen municipality). */
export const StickyParams = createContext<Record<string, string>>({});

export function withParams(to: string, params: Record<string, string | null | undefined>): string {
  const [path, query = ''] = to.split('?');
  const qs = new URLSearchParams(query);
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === '') qs.delete(k);
    else qs.set(k, v);
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

export function useHref(to: string): string {
  const sticky = useContext(StickyParams);
  const [, query = ''] = to.split('?');
  const own = new URLSearchParams(query);
  const add: Record<string, string> = {};
  for (const [k, v] of Object.entries(sticky)) if (!own.has(k)) add[k] = v;
  return withParams(to, add);
}

export function Link({ to, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const href = useHref(to);
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}

/** The query string as state: set({ side: '2' }) pushes (or replaces) a new URL with those values changed. */
export function useQueryState(): [URLSearchParams, (changes: Record<string, string | null>, opts?: { replace?: boolean }) => void] {
  const { pathname, search } = useLocation();
  const set = useCallback(
    (changes: Record<string, string | null>, opts: { replace?: boolean } = {}) => {
      navigate(withParams(location.pathname + location.search, changes), { ...opts, keepScroll: true });
    },
    [pathname],
  );
  return [search, set];
}

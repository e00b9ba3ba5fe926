// The chosen municipality: ?kommune=0999 in the URL, remembered in localStorage; default the demo kommune.
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useApi, type ApiError } from './api.ts';
import { navigate, StickyParams, useLocation, withParams } from './router.tsx';
import type { Kommune, ListAnswer } from './types.ts';

const STORAGE_KEY = 'almen.kommune';
export const DEMO_KODE = '0999';

interface KommuneState {
  kommuner: Kommune[];
  kommune: Kommune | undefined;
  loading: boolean;
  error: ApiError | undefined;
  choose: (kode: string) => void;
}

const Ctx = createContext<KommuneState>({ kommuner: [], kommune: undefined, loading: true, error: undefined, choose: () => {} });

function stored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
function store(kode: string) {
  try {
    localStorage.setItem(STORAGE_KEY, kode);
  } catch {
    /* private mode: the URL still carries it */
  }
}

export function defaultKommune(kommuner: Kommune[], wanted: (string | null)[]): Kommune | undefined {
  for (const w of wanted) {
    const k = w && kommuner.find((x) => x.kode === w);
    if (k) return k;
  }
  return (
    kommuner.find((k) => k.kode === DEMO_KODE) ?? kommuner.find((k) => k.antal_afdelinger > 0) ?? kommuner[0]
  );
}

export function KommuneProvider({ children }: { children: ReactNode }) {
  const { data, error, loading } = useApi<ListAnswer<Kommune>>('kommuner');
  const { search } = useLocation();
  const fromUrl = search.get('kommune');
  const kommuner = useMemo(() => data?.items ?? [], [data]);
  const kommune = useMemo(() => defaultKommune(kommuner, [fromUrl, stored()]), [kommuner, fromUrl]);

  useEffect(() => {
    if (!kommune) return;
    store(kommune.kode);
    if (fromUrl !== kommune.kode) {
      navigate(withParams(location.pathname + location.search, { kommune: kommune.kode }), { replace: true });
    }
  }, [kommune, fromUrl]);

  const state = useMemo<KommuneState>(
    () => ({
      kommuner,
      kommune,
      loading,
      error,
      choose(kode: string) {
        store(kode);
        // A detail page belongs to one municipality: go back to its list.
        const section = location.pathname.split('/').filter(Boolean)[0];
        const path = location.pathname.split('/').filter(Boolean).length > 1 && section !== 'import' ? `/${section}` : location.pathname;
        const keep = path === location.pathname ? location.search : '';
        navigate(withParams(path + keep, { kommune: kode, side: null }));
      },
    }),
    [kommuner, kommune, loading, error],
  );
  const sticky = useMemo((): Record<string, string> => (kommune ? { kommune: kommune.kode } : {}), [kommune]);
  return (
    <Ctx.Provider value={state}>
      <StickyParams.Provider value={sticky}>{children}</StickyParams.Provider>
    </Ctx.Provider>
  );
}

export const useKommune = () => useContext(Ctx);

export function kommuneLabel(k: Pick<Kommune, 'navn' | 'kode'>): string {
  return `${k.navn} (${k.kode})`;
}

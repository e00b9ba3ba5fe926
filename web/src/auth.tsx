// Who is signed in (GET /api/auth/me). Without a session the app shows the login page; a server without the
// auth routes (404) runs open. The CSRF token from /me goes on every write.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, getJson, postJson, setSession } from './api.ts';
import { abilities, type Ability, type Role } from './roles.ts';
import type { RoleGrant } from './types.ts';

export type { Ability };

export type Grant = RoleGrant;

export interface Me {
  user: { id: number; username: string; display_name: string } | null;
  roles: Grant[];
  csrf_token: string | null;
  oidc: boolean;
}

type AuthState =
  | { s: 'loading' }
  | { s: 'open' } // the server has no sign-in
  | { s: 'signedOut'; oidc: boolean; error?: ApiError }
  | { s: 'signedIn'; me: Me };

interface AuthApi {
  state: AuthState;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  refresh(): void;
}

const Ctx = createContext<AuthApi>({ state: { s: 'open' }, login: async () => {}, logout: async () => {}, refresh: () => {} });

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ s: 'loading' });
  const apply = useCallback((me: Me) => {
    setSession(me.csrf_token, () => refresh());
    setState(me.user ? { s: 'signedIn', me } : { s: 'signedOut', oidc: me.oidc });
  }, []);
  const refresh = useCallback(() => {
    getJson<Me>('auth/me').then(apply, (e: ApiError) => {
      if (e.status === 404) {
        setSession(null, () => {});
        setState({ s: 'open' });
      } else setState({ s: 'signedOut', oidc: false, error: e });
    });
  }, [apply]);
  useEffect(refresh, [refresh]);

  const api = useMemo<AuthApi>(
    () => ({
      state,
      refresh,
      async login(username, password) {
        apply(await postJson<Me>('auth/login', { username, password }));
      },
      async logout() {
        try {
          await postJson('auth/logout');
        } finally {
          refresh();
        }
      },
    }),
    [state, refresh, apply],
  );
  return <Ctx.Provider value={api}>{children}</Ctx.Provider>;
}

export const useAuth = () => useContext(Ctx);

/** Whether the signed-in user holds a role that allows `what` (anywhere, or in the municipality given). */
export function useCan(): (what: Ability, kommunekode?: string) => boolean {
  const { state } = useAuth();
  return (what, kommunekode) =>
    state.s !== 'signedIn' ||
    state.me.roles.some((g) => (abilities[what].roles as readonly string[]).includes(g.role) && (kommunekode === undefined || g.kommunekode === kommunekode));
}

/** The signed-in user's municipalities for a role (where an administrator may grant roles, …). */
export function useKommunerWith(role: Role): string[] {
  const { state } = useAuth();
  return state.s === 'signedIn' ? [...new Set(state.me.roles.filter((g) => g.role === role).map((g) => g.kommunekode))] : [];
}

// Who the caller is and what they may see. Routes declare a policy; the auth hook enforces it and puts an
// Access on the request; stores narrow their queries with it (the server is the guard, not the UI).

export const roles = ['administrator', 'boligkontor', 'anvisning', 'boligorganisation', 'laeser'] as const;
export type Role = (typeof roles)[number];

export const roleNames: Record<Role, string> = {
  administrator: 'Administrator',
  boligkontor: 'Kommune: boligkontor',
  anvisning: 'Kommune: boliganvisning',
  boligorganisation: 'Boligorganisation',
  laeser: 'Læser',
};

export type Policy =
  | { public: true }
  /** Any signed-in user (their own session, password, profile). */
  | { signedIn: true }
  /** Signed in with at least one of these roles in some municipality; data narrowed by Access. */
  | { roles: readonly Role[] };

export interface RoleGrant {
  role: Role;
  kommunekode: string;
  boligorganisation_id: number | null;
}

export interface Actor {
  userId: number | null;
  username: string;
  sessionId: string | null;
  ip: string | null;
}

export const systemActor = (name: string): Actor => ({ userId: null, username: name, sessionId: null, ip: null });

/** Roles that see a municipality's whole register (but not applicants' personal data, except anvisning). */
export const registerRoles: readonly Role[] = ['administrator', 'boligkontor', 'anvisning', 'laeser'];

export class Access {
  constructor(
    readonly user: { id: number; username: string; display_name: string },
    readonly grants: RoleGrant[],
    readonly sessionId: string,
    readonly ip: string | null,
    readonly csrfToken: string,
  ) {}

  get actor(): Actor {
    return { userId: this.user.id, username: this.user.username, sessionId: this.sessionId, ip: this.ip };
  }

  has(any: readonly Role[], kommunekode?: string): boolean {
    return this.grants.some((g) => any.includes(g.role) && (kommunekode === undefined || g.kommunekode === kommunekode));
  }

  /** Municipalities where the user holds one of the roles. */
  kommuner(any: readonly Role[]): string[] {
    return [...new Set(this.grants.filter((g) => any.includes(g.role)).map((g) => g.kommunekode))];
  }

  /**
   * What of the register the user sees: whole municipalities, and single organisations (boligorganisation role).
   * Stores filter rows with kommunekode = ANY(kommuner) OR boligorganisation_id = ANY(organisationer).
   */
  registerScope(): RegisterScope {
    return {
      kommuner: this.kommuner(registerRoles),
      organisationer: [...new Set(this.grants.filter((g) => g.role === 'boligorganisation').map((g) => g.boligorganisation_id!))],
    };
  }
}

export interface RegisterScope {
  kommuner: string[];
  organisationer: number[];
}


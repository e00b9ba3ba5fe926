// The roles the API knows (src/http/access.ts, kept equal by roles.test.ts), their Danish names, and what
// each lets a user do in the app. The server decides; the app only leaves out what would be refused.

export const roles = ['administrator', 'boligkontor', 'anvisning', 'boligorganisation', 'laeser'] as const;
export type Role = (typeof roles)[number];

export const roleNames: Record<Role, string> = {
  administrator: 'Administrator',
  boligkontor: 'Kommune: boligkontor',
  anvisning: 'Kommune: boliganvisning',
  boligorganisation: 'Boligorganisation',
  laeser: 'Læser',
};

export const roleName = (role: string) => roleNames[role as Role] ?? role;

/** What a user may do, by role (as the API's policies). */
export const abilities = {
  register: { roles: ['administrator', 'boligkontor', 'anvisning', 'laeser'], what: 'kommunens register' },
  import: { roles: ['administrator', 'boligkontor'], what: 'import' },
  users: { roles: ['administrator'], what: 'brugerne' },
  audit: { roles: ['administrator'], what: 'revisionssporet' },
  applicants: { roles: ['anvisning'], what: 'ansøgerne' },
  anvisning: { roles: ['administrator', 'boligkontor', 'anvisning', 'boligorganisation'], what: 'kommunal anvisning' },
  anvisningKommune: { roles: ['administrator', 'boligkontor', 'anvisning'], what: 'kommunens tal for anvisning' },
  lists: { roles: ['administrator', 'boligkontor', 'anvisning', 'laeser'], what: 'områdelisterne' },
  computeLists: { roles: ['administrator', 'boligkontor'], what: 'beregning og indlæsning af områdelister' },
  nationalAverages: { roles: ['administrator'], what: 'landsgennemsnittene' },
  udlejning: { roles: ['administrator', 'boligkontor', 'anvisning', 'laeser'], what: 'udlejningsaftalerne' },
  udlejningWrite: { roles: ['administrator', 'boligkontor'], what: 'ændring af udlejningsaftaler' },
} as const satisfies Record<string, { roles: readonly Role[]; what: string }>;
export type Ability = keyof typeof abilities;

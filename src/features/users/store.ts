import type pg from 'pg';
import type { RoleGrant } from '../../http/access.ts';

type Q = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  active: boolean;
  failed_logins: number;
  /** Timestamps as ISO strings in UTC (src/db/timestamp.ts). */
  locked_until: string | null;
  created_at: string;
}

export async function userByUsername(q: Q, username: string): Promise<UserRow | undefined> {
  return (await q.query('SELECT * FROM app_user WHERE username = $1', [username.trim().toLowerCase()])).rows[0];
}

export async function userById(q: Q, id: number): Promise<UserRow | undefined> {
  return (await q.query('SELECT * FROM app_user WHERE id = $1', [id])).rows[0];
}

export async function grantsOf(q: Q, userId: number): Promise<RoleGrant[]> {
  const { rows } = await q.query(
    'SELECT role, kommunekode, boligorganisation_id FROM user_role WHERE user_id = $1 ORDER BY kommunekode, role',
    [userId],
  );
  return rows;
}

export async function grantsByUser(q: Q, userIds: number[]): Promise<Map<number, RoleGrant[]>> {
  const { rows } = await q.query(
    'SELECT user_id, role, kommunekode, boligorganisation_id FROM user_role WHERE user_id = ANY($1) ORDER BY kommunekode, role',
    [userIds],
  );
  const m = new Map<number, RoleGrant[]>();
  for (const r of rows) m.set(r.user_id, [...(m.get(r.user_id) ?? []), { role: r.role, kommunekode: r.kommunekode, boligorganisation_id: r.boligorganisation_id }]);
  return m;
}

/** Users with a role in one of the municipalities (administrators see their own municipalities' users). */
export async function listUsers(q: Q, kommuner: string[]): Promise<UserRow[]> {
  const { rows } = await q.query(
    `SELECT u.* FROM app_user u
     WHERE EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.kommunekode = ANY($1))
        OR NOT EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id)
     ORDER BY u.username`,
    [kommuner],
  );
  return rows;
}

export async function insertUser(
  q: Q,
  u: { username: string; display_name: string; password_hash: string | null; oidc_issuer?: string | null; oidc_subject?: string | null },
): Promise<UserRow> {
  const { rows } = await q.query(
    `INSERT INTO app_user (username, display_name, password_hash, oidc_issuer, oidc_subject, password_changed_at)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $3::text IS NULL THEN NULL ELSE now() END) RETURNING *`,
    [u.username.trim().toLowerCase(), u.display_name, u.password_hash, u.oidc_issuer ?? null, u.oidc_subject ?? null],
  );
  return rows[0];
}

export async function replaceGrants(q: Q, userId: number, kommuner: string[], grants: RoleGrant[]): Promise<void> {
  await q.query('DELETE FROM user_role WHERE user_id = $1 AND kommunekode = ANY($2)', [userId, kommuner]);
  for (const g of grants) {
    await q.query('INSERT INTO user_role (user_id, kommunekode, role, boligorganisation_id) VALUES ($1, $2, $3, $4)', [
      userId,
      g.kommunekode,
      g.role,
      g.boligorganisation_id,
    ]);
  }
}

import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/index.ts';
import { Access } from '../../http/access.ts';
import { grantsOf } from './store.ts';

export const SESSION_COOKIE = 'almen_session';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  db: Db,
  userId: number,
  method: 'password' | 'oidc',
  hours: number,
  meta: { ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + hours * 3600_000);
  await db.pool.query(
    `INSERT INTO user_session (id, user_id, csrf_token, auth_method, expires_at, ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [sha256(token), userId, csrfToken, method, expiresAt, meta.ip, meta.userAgent?.slice(0, 300) ?? null],
  );
  return { token, csrfToken, expiresAt };
}

/** The signed-in user behind a cookie token, or null when the session is unknown, expired or the user inactive. */
export async function accessFromToken(db: Db, token: string, ip: string | null): Promise<Access | null> {
  const id = sha256(token);
  const { rows } = await db.pool.query(
    `UPDATE user_session s SET last_seen_at = now()
     FROM app_user u
     WHERE s.id = $1 AND s.user_id = u.id AND s.expires_at > now() AND u.active
     RETURNING s.id, s.csrf_token, u.id AS user_id, u.username, u.display_name`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  const grants = await grantsOf(db.pool, r.user_id);
  return new Access({ id: r.user_id, username: r.username, display_name: r.display_name }, grants, r.id, ip, r.csrf_token);
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.pool.query('DELETE FROM user_session WHERE id = $1', [sessionId]);
}

export async function purgeExpiredSessions(db: Db): Promise<number> {
  return (await db.pool.query('DELETE FROM user_session WHERE expires_at <= now()')).rowCount ?? 0;
}

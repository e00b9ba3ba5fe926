// Writes on users: sign-in bookkeeping, passwords, accounts and roles. Each records an audit event.
import type pg from 'pg';
import type { Db } from '../../db/index.ts';
import { tx } from '../../db/index.ts';
import { DomainError } from '../../errors.ts';
import type { Actor, RoleGrant } from '../../http/access.ts';
import type { Config } from '../../config.ts';
import { recordAudit } from '../audit/audit.ts';
import { checkPasswordStrength, dummyHash, hashPassword, verifyPassword } from './passwords.ts';
import { grantsOf, insertUser, replaceGrants, userById, userByUsername, type UserRow } from './store.ts';

const loginFailed = () => new DomainError('UNAUTHENTICATED', 'Forkert brugernavn eller adgangskode.');

/** Checks a password; counts failures and locks the account for a while after too many. */
export async function authenticate(db: Db, config: Config, username: string, password: string, actor: Actor): Promise<UserRow> {
  const user = await userByUsername(db.pool, username);
  if (!user || !user.password_hash || !user.active) {
    await verifyPassword(await dummyHash, password); // same work whether or not the user exists
    await recordAudit(db.pool, { ...actor, username: username.slice(0, 100) }, { action: 'login-fejl', entity: 'bruger' });
    throw loginFailed();
  }
  if (user.locked_until && Date.parse(user.locked_until) > Date.now()) {
    await recordAudit(db.pool, actor, { action: 'login-spærret', entity: 'bruger', entity_id: user.id });
    throw new DomainError('LOCKED', 'Kontoen er midlertidigt spærret efter for mange forkerte forsøg. Prøv igen senere.');
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    const { rows } = await db.pool.query(
      `UPDATE app_user SET failed_logins = failed_logins + 1,
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
       WHERE id = $1 RETURNING failed_logins, locked_until`,
      [user.id, config.ALMEN_LOGIN_MAX_FAILURES, config.ALMEN_LOGIN_LOCK_MINUTES],
    );
    await recordAudit(db.pool, { ...actor, userId: user.id, username: user.username }, {
      action: 'login-fejl',
      entity: 'bruger',
      entity_id: user.id,
      detail: { failed_logins: rows[0].failed_logins, spaerret: rows[0].locked_until != null },
    });
    throw loginFailed();
  }
  await db.pool.query('UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = $1', [user.id]);
  return user;
}

export async function changePassword(db: Db, actor: Actor & { userId: number }, current: string, next: string): Promise<void> {
  const user = await userById(db.pool, actor.userId);
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, current))) {
    throw new DomainError('VALIDATION', 'Den nuværende adgangskode er forkert.', {
      fields: [{ field: 'current_password', message: 'Forkert adgangskode' }],
    });
  }
  checkPasswordStrength(next, user.username);
  const hashed = await hashPassword(next);
  await tx(db, async (c) => {
    await c.query('UPDATE app_user SET password_hash = $2, password_changed_at = now() WHERE id = $1', [user.id, hashed]);
    // Other sessions of the user end when the password changes.
    await c.query('DELETE FROM user_session WHERE user_id = $1 AND id <> $2', [user.id, actor.sessionId]);
    await recordAudit(c, actor, { action: 'skift-adgangskode', entity: 'bruger', entity_id: user.id });
  });
}

/** The same grant twice is one grant (the table has a unique index on it). */
function uniqueGrants(grants: RoleGrant[]): RoleGrant[] {
  const seen = new Map<string, RoleGrant>();
  for (const g of grants) seen.set(`${g.kommunekode}|${g.role}|${g.boligorganisation_id ?? ''}`, g);
  return [...seen.values()];
}

/**
 * A boligorganisation grant must name an organisation that belongs to the grant's municipality (its home or
 * one of its afdelinger there, as the register lists them): otherwise an administrator of one municipality
 * could give access to another's organisation.
 */
async function checkOrganisations(c: Pick<pg.PoolClient, 'query'>, grants: RoleGrant[]): Promise<void> {
  for (const [i, g] of grants.entries()) {
    if (g.boligorganisation_id == null) continue;
    const { rows } = await c.query(
      `SELECT 1 FROM boligorganisation o WHERE o.id = $1
         AND (o.kommunekode = $2 OR EXISTS (SELECT 1 FROM afdeling a WHERE a.boligorganisation_id = o.id AND a.kommunekode = $2))`,
      [g.boligorganisation_id, g.kommunekode],
    );
    if (!rows[0]) {
      throw new DomainError('VALIDATION', `Boligorganisationen findes ikke i kommune ${g.kommunekode}.`, {
        fields: [{ field: `roles.${i}.boligorganisation_id`, message: 'Findes ikke i kommunen' }],
      });
    }
  }
}

export interface NewUser {
  username: string;
  display_name: string;
  password?: string | null;
  grants: RoleGrant[];
}

export async function createUser(db: Db, actor: Actor, u: NewUser): Promise<UserRow> {
  if (u.password) checkPasswordStrength(u.password, u.username);
  const password_hash = u.password ? await hashPassword(u.password) : null;
  const grants = uniqueGrants(u.grants);
  return tx(db, async (c) => {
    if (await userByUsername(c, u.username)) {
      throw new DomainError('CONFLICT', `Brugernavnet ${u.username} er allerede i brug.`, {
        fields: [{ field: 'username', message: 'Optaget' }],
      });
    }
    await checkOrganisations(c, grants);
    const user = await insertUser(c, { username: u.username, display_name: u.display_name, password_hash });
    await replaceGrants(c, user.id, [...new Set(grants.map((g) => g.kommunekode))], grants);
    await recordAudit(c, actor, {
      action: 'opret',
      entity: 'bruger',
      entity_id: user.id,
      after: { username: user.username, display_name: user.display_name, roller: grants },
    });
    return user;
  });
}

/** Replaces the user's roles in the administrator's municipalities and sets name/active. */
export async function updateUser(
  db: Db,
  actor: Actor,
  adminKommuner: string[],
  id: number,
  patch: { display_name?: string; active?: boolean; grants?: RoleGrant[]; password?: string },
): Promise<void> {
  await tx(db, async (c) => {
    const before = await userById(c, id);
    if (!before) throw new DomainError('NOT_FOUND', 'Brugeren findes ikke.');
    const beforeGrants = await grantsOf(c, id);
    const grants = patch.grants && uniqueGrants(patch.grants);
    if (grants) {
      const outside = grants.filter((g) => !adminKommuner.includes(g.kommunekode));
      if (outside.length) throw new DomainError('FORBIDDEN', `Du kan ikke tildele roller i kommune ${outside[0].kommunekode}.`);
      await checkOrganisations(c, grants);
      await replaceGrants(c, id, adminKommuner, grants);
    }
    if (patch.password) checkPasswordStrength(patch.password, before.username);
    const hashed = patch.password ? await hashPassword(patch.password) : null;
    await c.query(
      `UPDATE app_user SET display_name = coalesce($2, display_name), active = coalesce($3, active),
         password_hash = coalesce($4, password_hash), failed_logins = CASE WHEN $4::text IS NULL THEN failed_logins ELSE 0 END,
         locked_until = CASE WHEN $4::text IS NULL THEN locked_until ELSE NULL END
       WHERE id = $1`,
      [id, patch.display_name ?? null, patch.active ?? null, hashed],
    );
    if (patch.active === false || patch.password) await c.query('DELETE FROM user_session WHERE user_id = $1', [id]);
    await recordAudit(c, actor, {
      action: 'ret',
      entity: 'bruger',
      entity_id: id,
      before: { display_name: before.display_name, active: before.active, roller: beforeGrants },
      after: { display_name: patch.display_name ?? before.display_name, active: patch.active ?? before.active, roller: grants ?? beforeGrants, ny_adgangskode: !!patch.password },
    });
  });
}

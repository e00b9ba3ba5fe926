// The audit trail: every write (who, when, what before and after, from which session, and the rule
// version and parameters where a rule decided) and every read of personal data. Append-only.
import type pg from 'pg';
import type { Actor } from '../../http/access.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entity_id?: string | number | null;
  kommunekode?: string | null;
  before?: unknown;
  after?: unknown;
  /** Counts, the rule and parameters used, the reason given, … */
  detail?: unknown;
}

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export async function recordAudit(q: Queryable, actor: Actor, e: AuditEntry): Promise<void> {
  await q.query(
    `INSERT INTO audit_event (actor, user_id, session_id, ip, action, entity, entity_id, kommunekode, before, after, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      actor.username,
      actor.userId,
      actor.sessionId,
      actor.ip,
      e.action,
      e.entity,
      e.entity_id == null ? null : String(e.entity_id),
      e.kommunekode ?? null,
      json(e.before),
      json(e.after),
      json(e.detail),
    ],
  );
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

export interface AuditQuery {
  fra?: string;
  til?: string;
  actor?: string;
  action?: string;
  entity?: string;
  entity_id?: string;
  kommuner: string[];
  limit: number;
  offset: number;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  user_id: number | null;
  session_id: string | null;
  ip: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  kommunekode: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
}

/** Events in the administrator's municipalities, plus installation-wide events (no kommunekode). */
export async function searchAudit(q: Queryable, f: AuditQuery): Promise<{ items: AuditRow[]; total: number }> {
  // Events without a municipality (sign-ins, system jobs) only where they concern the administrator's users.
  const where: string[] = [
    `(kommunekode = ANY($1) OR (kommunekode IS NULL AND (user_id IS NULL OR user_id IN (SELECT user_id FROM user_role WHERE kommunekode = ANY($1)))))`,
  ];
  const args: unknown[] = [f.kommuner];
  const add = (sql: string, v: unknown) => {
    args.push(v);
    where.push(sql.replace('?', `$${args.length}`));
  };
  // The dates are Danish days, whatever the session's TimeZone.
  if (f.fra) add("at >= ?::date::timestamp AT TIME ZONE 'Europe/Copenhagen'", f.fra);
  if (f.til) add("at < (?::date + 1)::timestamp AT TIME ZONE 'Europe/Copenhagen'", f.til);
  if (f.actor) add("actor ILIKE '%' || ? || '%'", f.actor);
  if (f.action) add('action = ?', f.action);
  if (f.entity) add('entity = ?', f.entity);
  if (f.entity_id) add('entity_id = ?', f.entity_id);
  const w = where.join(' AND ');
  const total = (await q.query(`SELECT count(*)::int AS n FROM audit_event WHERE ${w}`, args)).rows[0].n;
  args.push(f.limit, f.offset);
  const { rows } = await q.query(
    `SELECT id, at, actor, user_id, session_id, ip,
            action, entity, entity_id, kommunekode, before, after, detail
     FROM audit_event WHERE ${w} ORDER BY id DESC LIMIT $${args.length - 1} OFFSET $${args.length}`,
    args,
  );
  return { items: rows, total };
}

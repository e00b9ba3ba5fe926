// Sign-in, sign-out, password, and the administrators' user management.
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../http/server.ts';
import { accessOf } from '../../http/auth.ts';
import { roles, type Access } from '../../http/access.ts';
import { DomainError } from '../../errors.ts';
import { errorSchema, idParams, kommunekodeParam } from '../../shared/query.ts';
import { recordAudit } from '../audit/audit.ts';
import { authenticate, changePassword, createUser, updateUser } from './commands.ts';
import { OIDC_COOKIE, OidcClient, OidcRefused, type OidcClaims } from './oidc.ts';
import { accessFromToken, createSession, endSession, SESSION_COOKIE } from './sessions.ts';
import { grantsByUser, listUsers, userById } from './store.ts';

const tags = ['Adgang'];
const grantSchema = z.object({
  role: z.enum(roles, { error: `Rollen skal være en af: ${roles.join(', ')}.` }),
  kommunekode: kommunekodeParam,
  boligorganisation_id: z.number().int().positive().nullable().default(null),
});
const meSchema = z.object({
  user: z.object({ id: z.number(), username: z.string(), display_name: z.string() }).nullable(),
  roles: z.array(grantSchema),
  csrf_token: z.string().nullable(),
  oidc: z.boolean(),
});
const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  display_name: z.string(),
  active: z.boolean(),
  locked: z.boolean(),
  local_password: z.boolean(),
  oidc: z.boolean(),
  roles: z.array(grantSchema),
  created_at: z.string(),
});
const passwordField = z.string().min(1, { error: 'Skriv adgangskoden.' }).max(200, { error: 'Højst 200 tegn.' });

export async function userRoutes(app: App, { db, config, keyring }: AppDeps) {
  const oidc = new OidcClient(config, keyring);
  const cookieOptions = (maxAgeSeconds: number) => ({
    path: '/',
    httpOnly: true,
    secure: config.ALMEN_COOKIE_SECURE,
    sameSite: 'lax' as const,
    maxAge: maxAgeSeconds,
  });
  const me = (a: Access | null) => ({
    user: a ? a.user : null,
    roles: a ? a.grants : [],
    csrf_token: a ? a.csrfToken : null,
    oidc: oidc.enabled,
  });
  async function signIn(req: FastifyRequest, reply: FastifyReply, userId: number, method: 'password' | 'oidc') {
    const s = await createSession(db, userId, method, config.ALMEN_SESSION_HOURS, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    reply.setCookie(SESSION_COOKIE, s.token, cookieOptions(config.ALMEN_SESSION_HOURS * 3600));
    const user = (await userById(db.pool, userId))!;
    await recordAudit(db.pool, { userId, username: user.username, sessionId: null, ip: req.ip }, { action: 'login', entity: 'bruger', entity_id: userId, detail: { metode: method } });
    return s;
  }

  app.get('/api/auth/me', { config: { policy: { public: true } }, schema: { tags, summary: 'Den indloggede bruger, roller og CSRF-token', response: { 200: meSchema } } }, async (req) => me(req.access));

  app.post(
    '/api/auth/login',
    {
      config: { policy: { public: true }, rateLimit: { max: config.ALMEN_LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Log ind med brugernavn og adgangskode',
        body: z.object({ username: z.string().trim().min(1, { error: 'Skriv dit brugernavn.' }).max(100), password: passwordField }),
        response: { 200: meSchema, 400: errorSchema, 401: errorSchema, 423: errorSchema },
      },
    },
    async (req, reply) => {
      const user = await authenticate(db, config, req.body.username, req.body.password, { userId: null, username: req.body.username, sessionId: null, ip: req.ip });
      const session = await signIn(req, reply, user.id, 'password');
      return me(await accessFromToken(db, session.token, req.ip));
    },
  );

  app.post('/api/auth/logout', { config: { policy: { signedIn: true } }, schema: { tags, summary: 'Log ud', response: { 204: z.null() } } }, async (req, reply) => {
    const a = accessOf(req);
    await endSession(db, a.sessionId);
    await recordAudit(db.pool, a.actor, { action: 'logout', entity: 'bruger', entity_id: a.user.id });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.post(
    '/api/auth/password',
    {
      config: { policy: { signedIn: true } },
      schema: { tags, summary: 'Skift adgangskode', body: z.object({ current_password: passwordField, new_password: passwordField }), response: { 204: z.null(), 400: errorSchema } },
    },
    async (req, reply) => {
      const a = accessOf(req);
      await changePassword(db, { ...a.actor, userId: a.user.id }, req.body.current_password, req.body.new_password);
      return reply.code(204).send(null);
    },
  );

  app.get('/api/auth/oidc/login', { config: { policy: { public: true } }, schema: { tags, summary: 'Log ind via kommunens identitetsudbyder (OpenID Connect)' } }, async (_req, reply) => {
    const { url, cookie } = await oidc.start();
    reply.setCookie(OIDC_COOKIE, cookie, { ...cookieOptions(600), path: '/api/auth/oidc' });
    return reply.redirect(url, 302);
  });

  app.get(
    '/api/auth/oidc/callback',
    { config: { policy: { public: true } }, schema: { tags, summary: 'Svar fra identitetsudbyderen', querystring: z.record(z.string(), z.string()) } },
    async (req, reply) => {
      try {
        return await oidcCallback(req as FastifyRequest<{ Querystring: Record<string, string> }>, reply);
      } catch (err) {
        // A browser that was sent here by the provider gets the sign-in page with the reason, not JSON.
        if (err instanceof DomainError && String(req.headers.accept ?? '').includes('text/html')) {
          return reply.redirect(`/login?fejl=${encodeURIComponent(err.message)}`, 302);
        }
        throw err;
      }
    },
  );

  async function oidcCallback(req: FastifyRequest<{ Querystring: Record<string, string> }>, reply: FastifyReply) {
    reply.clearCookie(OIDC_COOKIE, { path: '/api/auth/oidc' }); // one attempt per flow, whatever the outcome
    let claims: OidcClaims;
    try {
      claims = await oidc.finish(req.query, req.cookies[OIDC_COOKIE]);
    } catch (err) {
      if (err instanceof OidcRefused) {
        await recordAudit(db.pool, { userId: null, username: '(ukendt)', sessionId: null, ip: req.ip }, {
          action: 'login-fejl',
          entity: 'bruger',
          detail: { metode: 'oidc', aarsag: err.reason.slice(0, 500) },
        });
      }
      throw err;
    }
    const actor = { userId: null, username: claims.username ?? claims.subject, sessionId: null, ip: req.ip };
    // Known by (issuer, subject); or an account made by an administrator with the same user name, linked now.
    let { rows } = await db.pool.query('SELECT id, active FROM app_user WHERE oidc_issuer = $1 AND oidc_subject = $2', [claims.issuer, claims.subject]);
    if (!rows[0] && claims.username) {
      ({ rows } = await db.pool.query(
        `UPDATE app_user SET oidc_issuer = $1, oidc_subject = $2 WHERE username = $3 AND oidc_subject IS NULL RETURNING id, active`,
        [claims.issuer, claims.subject, claims.username],
      ));
      if (rows[0]) await recordAudit(db.pool, actor, { action: 'tilknyt-oidc', entity: 'bruger', entity_id: rows[0].id, detail: { issuer: claims.issuer } });
    }
    if (!rows[0]?.active) {
      await recordAudit(db.pool, actor, { action: 'login-fejl', entity: 'bruger', detail: { metode: 'oidc', issuer: claims.issuer } });
      throw new DomainError('FORBIDDEN', 'Du har ingen adgang til Almen. Kontakt kommunens administrator.');
    }
    await signIn(req, reply, rows[0].id, 'oidc');
    return reply.redirect('/', 302);
  }

  // User management: administrators, within their own municipalities.
  const admin = { policy: { roles: ['administrator'] as const } };
  const presentUsers = async (rows: Awaited<ReturnType<typeof listUsers>>, kommuner: string[]) => {
    const grants = await grantsByUser(db.pool, rows.map((r) => r.id));
    return rows.map((u) => ({
      id: u.id,
      username: u.username,
      display_name: u.display_name,
      active: u.active,
      locked: !!u.locked_until && Date.parse(u.locked_until) > Date.now(),
      local_password: u.password_hash != null,
      oidc: u.oidc_subject != null,
      roles: (grants.get(u.id) ?? []).filter((g) => kommuner.includes(g.kommunekode)),
      created_at: u.created_at,
    }));
  };

  app.get('/api/brugere', { config: admin, schema: { tags, summary: 'Brugere i administratorens kommuner', response: { 200: z.object({ items: z.array(userSchema), total: z.number() }) } } }, async (req) => {
    const kommuner = accessOf(req).kommuner(['administrator']);
    const items = await presentUsers(await listUsers(db.pool, kommuner), kommuner);
    return { items, total: items.length };
  });

  app.post(
    '/api/brugere',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Opret en bruger',
        body: z.object({
          username: z.string().trim().toLowerCase().regex(/^[a-z0-9._@-]{2,100}$/, { error: 'Brugernavnet må kun have små bogstaver, tal og . _ @ -' }),
          display_name: z.string().trim().min(1, { error: 'Skriv et navn.' }).max(200),
          password: z.string().max(200).nullable().default(null),
          roles: z.array(grantSchema).max(200),
        }),
        response: { 201: userSchema, 400: errorSchema, 403: errorSchema, 409: errorSchema },
      },
    },
    async (req, reply) => {
      const a = accessOf(req);
      const kommuner = a.kommuner(['administrator']);
      checkGrants(req.body.roles, kommuner);
      const user = await createUser(db, a.actor, { ...req.body, grants: req.body.roles });
      return reply.code(201).send((await presentUsers([user], kommuner))[0]);
    },
  );

  app.patch(
    '/api/brugere/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Ret en bruger: navn, aktiv, roller, ny adgangskode',
        params: idParams,
        body: z.object({
          display_name: z.string().trim().min(1).max(200).optional(),
          active: z.boolean().optional(),
          password: z.string().max(200).optional(),
          roles: z.array(grantSchema).max(200).optional(),
        }),
        response: { 200: userSchema, 400: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    },
    async (req) => {
      const a = accessOf(req);
      const kommuner = a.kommuner(['administrator']);
      const visible = (await listUsers(db.pool, kommuner)).find((u) => u.id === req.params.id);
      if (!visible) throw new DomainError('NOT_FOUND', 'Brugeren findes ikke.');
      if (req.body.roles) checkGrants(req.body.roles, kommuner);
      if (req.params.id === a.user.id && req.body.active === false) throw new DomainError('CONFLICT', 'Du kan ikke deaktivere dig selv.');
      await updateUser(db, a.actor, kommuner, req.params.id, { ...req.body, grants: req.body.roles });
      return (await presentUsers([(await userById(db.pool, req.params.id))!], kommuner))[0];
    },
  );
}

function checkGrants(grants: z.output<typeof grantSchema>[], kommuner: string[]) {
  const outside = grants.find((g) => !kommuner.includes(g.kommunekode));
  if (outside) throw new DomainError('FORBIDDEN', `Du kan ikke tildele roller i kommune ${outside.kommunekode}.`);
  const bad = grants.find((g) => (g.role === 'boligorganisation') !== (g.boligorganisation_id != null));
  if (bad) {
    throw new DomainError('VALIDATION', 'Rollen boligorganisation kræver en boligorganisation; andre roller må ikke have en.', {
      fields: [{ field: 'roles', message: 'boligorganisation_id' }],
    });
  }
}


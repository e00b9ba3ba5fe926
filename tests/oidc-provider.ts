// A small OpenID Connect provider for tests: discovery, authorize (signs in whoever the test sets as
// nextUser, without a login page), token (client secret, single-use code, redirect_uri, PKCE S256),
// RS256-signed ID tokens, JWKS and userinfo. Listens on 127.0.0.1 at a free port.
//
//   const op = await startOidcProvider();
//   op.nextUser = { sub: 'abc', preferred_username: 'anna', name: 'Anna Jensen' };
//   ... ALMEN_OIDC_ISSUER: op.issuer, ALMEN_OIDC_CLIENT_ID: op.clientId, ALMEN_OIDC_CLIENT_SECRET: op.clientSecret
//   await op.close();
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export interface ProviderUser {
  sub: string;
  preferred_username?: string;
  name?: string;
  email?: string;
  email_verified?: boolean;
}

/** Ways to make the provider misbehave, for the tests that the client notices. */
export interface Tampering {
  /** Put this nonce in the ID token instead of the one the client sent. */
  nonce?: string;
  /** Redirect back with this state instead of the one the client sent. */
  state?: string;
  /** Sign the ID token with a key that is not in the JWKS. */
  foreignKey?: boolean;
  /** Put this audience in the ID token. */
  aud?: string;
  /** Seconds to shift iat/exp by (negative: an expired token). */
  clockSkew?: number;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string | undefined;
  user: ProviderUser;
  used: boolean;
}

export interface OidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the next authorization request signs in; null answers access_denied. */
  nextUser: ProviderUser | null;
  tamper: Tampering;
  /** Query parameters of every authorization request, in order. */
  authorizeRequests: URLSearchParams[];
  /** Form parameters of every token request (client secret removed), with the answer's status. */
  tokenRequests: { params: URLSearchParams; auth: 'basic' | 'post' | 'none'; status: number }[];
  close(): Promise<void>;
}

const b64url = (b: Buffer) => b.toString('base64url');
const sha256 = (s: string) => createHash('sha256').update(s).digest();

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

export async function startOidcProvider(opts: { clientId?: string; clientSecret?: string } = {}): Promise<OidcProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256', { extractable: true });
  const kid = b64url(randomBytes(8));
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const grants = new Map<string, Grant>();
  const accessTokens = new Map<string, ProviderUser>();

  const op: OidcProvider = {
    issuer: '',
    clientId: opts.clientId ?? 'almen-test',
    clientSecret: opts.clientSecret ?? b64url(randomBytes(24)),
    nextUser: null,
    tamper: {},
    authorizeRequests: [],
    tokenRequests: [],
    close: async () => {
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };

  function discovery() {
    return {
      issuer: op.issuer,
      authorization_endpoint: `${op.issuer}/authorize`,
      token_endpoint: `${op.issuer}/token`,
      jwks_uri: `${op.issuer}/jwks`,
      userinfo_endpoint: `${op.issuer}/userinfo`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      scopes_supported: ['openid', 'profile', 'email'],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nonce', 'name', 'preferred_username', 'email'],
    };
  }

  function authorize(url: URL, res: ServerResponse) {
    const p = url.searchParams;
    op.authorizeRequests.push(new URLSearchParams(p));
    const redirectUri = p.get('redirect_uri');
    // Without a usable redirect_uri or client the provider must not redirect (RFC 6749 § 4.1.2.1).
    if (!redirectUri || p.get('client_id') !== op.clientId) return json(res, 400, { error: 'invalid_request', error_description: 'client_id or redirect_uri' });
    const back = new URL(redirectUri);
    const state = op.tamper.state ?? p.get('state');
    if (state != null) back.searchParams.set('state', state);
    const fail = (error: string, description: string) => {
      back.searchParams.set('error', error);
      back.searchParams.set('error_description', description);
      res.writeHead(302, { location: back.toString() }).end();
    };
    if (p.get('response_type') !== 'code') return fail('unsupported_response_type', 'only code');
    if (!(p.get('scope') ?? '').split(' ').includes('openid')) return fail('invalid_scope', 'openid is required');
    const challenge = p.get('code_challenge');
    if (!challenge || p.get('code_challenge_method') !== 'S256') return fail('invalid_request', 'PKCE with S256 is required');
    if (!op.nextUser) return fail('access_denied', 'the user did not sign in');
    const code = b64url(randomBytes(24));
    grants.set(code, { clientId: op.clientId, redirectUri, challenge, nonce: p.get('nonce') ?? undefined, user: op.nextUser, used: false });
    back.searchParams.set('code', code);
    res.writeHead(302, { location: back.toString() }).end();
  }

  async function token(req: IncomingMessage, res: ServerResponse) {
    const params = new URLSearchParams(await readBody(req));
    let auth: 'basic' | 'post' | 'none' = 'none';
    let clientId = params.get('client_id');
    let secret = params.get('client_secret');
    const header = req.headers.authorization;
    if (header?.startsWith('Basic ')) {
      auth = 'basic';
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      clientId = decodeURIComponent(decoded.slice(0, i));
      secret = decodeURIComponent(decoded.slice(i + 1));
    } else if (secret != null) auth = 'post';
    const logged = new URLSearchParams(params);
    logged.delete('client_secret');
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      op.tokenRequests.push({ params: logged, auth, status });
      json(res, status, body, headers);
    };
    if (clientId !== op.clientId || secret == null || !safeEqual(secret, op.clientSecret)) {
      return answer(401, { error: 'invalid_client' }, { 'www-authenticate': 'Basic realm="test"' });
    }
    if (params.get('grant_type') !== 'authorization_code') return answer(400, { error: 'unsupported_grant_type' });
    const code = params.get('code') ?? '';
    const g = grants.get(code);
    if (!g || g.used || g.clientId !== clientId) return answer(400, { error: 'invalid_grant', error_description: 'unknown or used code' });
    g.used = true; // single use, even when the rest of the request fails
    if (params.get('redirect_uri') !== g.redirectUri) return answer(400, { error: 'invalid_grant', error_description: 'redirect_uri' });
    const verifier = params.get('code_verifier');
    if (!verifier || b64url(sha256(verifier)) !== g.challenge) return answer(400, { error: 'invalid_grant', error_description: 'PKCE' });

    const now = Math.floor(Date.now() / 1000) + (op.tamper.clockSkew ?? 0);
    const claims: Record<string, unknown> = { ...g.user };
    delete claims.sub;
    const nonce = op.tamper.nonce ?? g.nonce;
    if (nonce !== undefined) claims.nonce = nonce;
    const idToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(op.issuer)
      .setAudience(op.tamper.aud ?? op.clientId)
      .setSubject(g.user.sub)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(op.tamper.foreignKey ? foreign.privateKey : privateKey);
    const accessToken = b64url(randomBytes(24));
    accessTokens.set(accessToken, g.user);
    answer(200, { access_token: accessToken, token_type: 'Bearer', expires_in: 300, scope: 'openid profile email', id_token: idToken });
  }

  function userinfo(req: IncomingMessage, res: ServerResponse) {
    const h = req.headers.authorization ?? '';
    const user = h.startsWith('Bearer ') ? accessTokens.get(h.slice(7)) : undefined;
    if (!user) return json(res, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer error="invalid_token"' });
    json(res, 200, user);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', op.issuer || 'http://127.0.0.1');
    const route = `${req.method} ${url.pathname}`;
    const handle = async () => {
      if (route === 'GET /.well-known/openid-configuration') return json(res, 200, discovery(), { 'cache-control': 'public, max-age=60' });
      if (route === 'GET /authorize') return authorize(url, res);
      if (route === 'POST /token') return token(req, res);
      if (route === 'GET /jwks') return json(res, 200, { keys: [jwk] });
      if (route === 'GET /userinfo') return userinfo(req, res);
      json(res, 404, { error: 'not_found' });
    };
    handle().catch((err) => {
      if (!res.headersSent) json(res, 500, { error: 'server_error', error_description: String(err) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  op.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return op;
}

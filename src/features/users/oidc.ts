// Sign-in through the municipality's identity provider (OpenID Connect, authorization code with PKCE).
import * as client from 'openid-client';
import type { Config } from '../../config.ts';
import { DomainError } from '../../errors.ts';
import { decrypt, encrypt, type Keyring } from '../../shared/crypto.ts';

export const OIDC_COOKIE = 'almen_oidc';

export interface OidcClaims {
  issuer: string;
  subject: string;
  username: string | null;
  name: string | null;
}

/** A refused answer from the provider: the Danish message goes to the user, the technical reason to the audit log. */
export class OidcRefused extends DomainError {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super('UNAUTHENTICATED', message);
  }
}

export class OidcClient {
  private configuration?: Promise<client.Configuration>;

  constructor(
    private readonly config: Config,
    private readonly ring: Keyring,
  ) {}

  get enabled(): boolean {
    return !!(this.config.ALMEN_OIDC_ISSUER && this.config.ALMEN_OIDC_CLIENT_ID);
  }

  private get redirectUri(): string {
    const base = this.config.ALMEN_PUBLIC_URL ?? `http://localhost:${this.config.PORT}`;
    return new URL('/api/auth/oidc/callback', base).toString();
  }

  private discover(): Promise<client.Configuration> {
    if (!this.enabled) throw new DomainError('NOT_FOUND', 'Log ind via kommunens identitetsudbyder er ikke sat op.');
    const issuer = new URL(this.config.ALMEN_OIDC_ISSUER!);
    // Plain http only for a provider on this machine (tests, development).
    const local = issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
    this.configuration ??= client
      .discovery(issuer, this.config.ALMEN_OIDC_CLIENT_ID!, this.config.ALMEN_OIDC_CLIENT_SECRET, undefined, {
        // Verify the ID token's signature against the provider's keys too, not only TLS (the audit log relies on it).
        execute: local ? [client.allowInsecureRequests, client.enableNonRepudiationChecks] : [client.enableNonRepudiationChecks],
      })
      .catch((err) => {
        this.configuration = undefined;
        throw new DomainError('IDP_UNAVAILABLE', `Identitetsudbyderen svarer ikke (${(err as Error).message}).`);
      });
    return this.configuration;
  }

  /** The provider URL to send the browser to, and the sealed state to keep in a short-lived cookie. */
  async start(): Promise<{ url: string; cookie: string }> {
    const cfg = await this.discover();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(cfg, {
      redirect_uri: this.redirectUri,
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.toString(), cookie: encrypt(this.ring, JSON.stringify({ verifier, state, nonce, at: Date.now() }))! };
  }

  /** Verifies the provider's answer (state, PKCE, nonce, ID token signature) and returns who signed in. */
  async finish(query: Record<string, string>, sealed: string | undefined): Promise<OidcClaims> {
    if (!this.enabled) throw new DomainError('NOT_FOUND', 'Log ind via kommunens identitetsudbyder er ikke sat op.');
    let flow: { verifier: string; state: string; nonce: string; at: number };
    try {
      flow = JSON.parse(decrypt(this.ring, sealed ?? null) ?? 'null');
      if (!flow?.verifier || !flow.state || !flow.nonce || typeof flow.at !== 'number') throw new Error('ugyldigt');
    } catch {
      throw new OidcRefused('Log ind-forløbet er udløbet eller ugyldigt. Prøv igen.', sealed ? 'ugyldig forløbscookie' : 'ingen forløbscookie');
    }
    if (Date.now() - flow.at > 10 * 60_000) throw new OidcRefused('Log ind-forløbet er udløbet. Prøv igen.', 'forløbscookie udløbet');
    const cfg = await this.discover();
    const current = new URL(this.redirectUri);
    for (const [k, v] of Object.entries(query)) current.searchParams.set(k, v);
    let tokens;
    try {
      tokens = await client.authorizationCodeGrant(cfg, current, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      throw new OidcRefused('Identitetsudbyderens svar kunne ikke godkendes. Prøv igen.', refusalReason(err));
    }
    const c = tokens.claims()!;
    // An e-mail address names an account only when the provider has verified it (else anyone could claim one).
    const email = c.email_verified === true ? (c.email as string | undefined) : undefined;
    const username = (c.preferred_username as string | undefined) ?? email ?? null;
    return { issuer: c.iss, subject: c.sub, username: username?.toLowerCase() ?? null, name: (c.name as string | undefined) ?? null };
  }
}

/** openid-client's error with its specific cause ("unexpected ID Token \"nonce\" claim value") or the provider's error code. */
function refusalReason(err: unknown): string {
  const e = err as Error & { cause?: unknown; error?: string; error_description?: string };
  const parts = [e.message];
  if (e.cause instanceof Error) parts.push(e.cause.message);
  if (typeof e.error === 'string') parts.push([e.error, e.error_description].filter(Boolean).join(': '));
  return parts.join(': ');
}

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
        execute: local ? [client.allowInsecureRequests] : [],
      })
      .catch((err) => {
        this.configuration = undefined;
        throw new DomainError('DB_UNAVAILABLE', `Identitetsudbyderen svarer ikke (${(err as Error).message}).`);
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
      throw new DomainError('UNAUTHENTICATED', 'Log ind-forløbet er udløbet eller ugyldigt. Prøv igen.');
    }
    if (Date.now() - flow.at > 10 * 60_000) throw new DomainError('UNAUTHENTICATED', 'Log ind-forløbet er udløbet. Prøv igen.');
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
      throw new DomainError('UNAUTHENTICATED', `Identitetsudbyderens svar kunne ikke godkendes (${(err as Error).message}).`);
    }
    const c = tokens.claims()!;
    const username = (c.preferred_username as string | undefined) ?? (c.email as string | undefined) ?? null;
    return { issuer: c.iss, subject: c.sub, username: username?.toLowerCase() ?? null, name: (c.name as string | undefined) ?? null };
  }
}

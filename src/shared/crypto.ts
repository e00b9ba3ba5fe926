// Field encryption for personal data: AES-256-GCM, a fresh IV per value, the key id stored in the value
// ("v1:<kid>:<iv>:<tag>:<ciphertext>", base64url) so keys can be rotated while old values stay readable.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface Keyring {
  active: string;
  keys: Map<string, Buffer>;
}

/** Parses "kid1:base64key,kid2:base64key"; each key must be 32 bytes. */
export function parseKeyring(spec: string, active?: string): Keyring {
  const keys = new Map<string, Buffer>();
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const i = part.indexOf(':');
    const kid = part.slice(0, i);
    const key = Buffer.from(part.slice(i + 1), 'base64');
    if (i < 1 || !/^[A-Za-z0-9_-]+$/.test(kid)) throw new Error(`Ugyldigt nøgle-id i krypteringsnøglerne: "${part.slice(0, 12)}…"`);
    if (key.length !== 32) throw new Error(`Krypteringsnøgle ${kid} skal være 32 bytes (base64), er ${key.length}`);
    keys.set(kid, key);
  }
  if (keys.size === 0) throw new Error('Ingen krypteringsnøgler konfigureret');
  const activeKid = active ?? [...keys.keys()].at(-1)!;
  if (!keys.has(activeKid)) throw new Error(`Den aktive krypteringsnøgle ${activeKid} findes ikke blandt nøglerne`);
  return { active: activeKid, keys };
}

export function encrypt(ring: Keyring, plain: string | null | undefined): string | null {
  if (plain == null) return null;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.keys.get(ring.active)!, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', ring.active, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join(':');
}

export function decrypt(ring: Keyring, value: string | null | undefined): string | null {
  if (value == null) return null;
  const [v, kid, iv, tag, ct] = value.split(':');
  const key = ring.keys.get(kid);
  if (v !== 'v1' || !key || !ct) throw new Error(`Kan ikke dekryptere: ukendt format eller nøgle "${kid}"`);
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  d.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
}

export const keyIdOf = (value: string): string => value.split(':')[1];

import { describe, it, expect } from 'vitest';
import { decrypt, encrypt, keyIdOf, parseKeyring } from './crypto.ts';
import { newKeySpec } from './keys.ts';

const k1 = newKeySpec('k1');
const k2 = newKeySpec('k2');

describe('field encryption', () => {
  it('round-trips and never stores the plain text', () => {
    const ring = parseKeyring(k1);
    const c = encrypt(ring, '010190-1234')!;
    expect(c).not.toContain('010190');
    expect(c.startsWith('v1:k1:')).toBe(true);
    expect(decrypt(ring, c)).toBe('010190-1234');
  });
  it('uses a fresh IV: the same value encrypts differently', () => {
    const ring = parseKeyring(k1);
    expect(encrypt(ring, 'x')).not.toBe(encrypt(ring, 'x'));
  });
  it('keeps null as null', () => {
    const ring = parseKeyring(k1);
    expect(encrypt(ring, null)).toBeNull();
    expect(decrypt(ring, null)).toBeNull();
  });
  it('detects tampering', () => {
    const ring = parseKeyring(k1);
    const c = encrypt(ring, 'hemmelig')!;
    const parts = c.split(':');
    parts[4] = Buffer.from('andet').toString('base64url');
    expect(() => decrypt(ring, parts.join(':'))).toThrow();
  });
  it('reads old values after rotation and writes with the active key', () => {
    const old = parseKeyring(k1);
    const c = encrypt(old, 'a')!;
    const rotated = parseKeyring(`${k1},${k2}`, 'k2');
    expect(decrypt(rotated, c)).toBe('a');
    expect(keyIdOf(encrypt(rotated, 'a')!)).toBe('k2');
  });
  it('refuses a value whose key is gone', () => {
    const c = encrypt(parseKeyring(k1), 'a')!;
    expect(() => decrypt(parseKeyring(k2), c)).toThrow(/nøgle "k1"/);
  });
  it('rejects short keys and an unknown active key', () => {
    expect(() => parseKeyring('k1:' + Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
    expect(() => parseKeyring(k1, 'k9')).toThrow(/k9/);
    expect(() => parseKeyring('')).toThrow();
  });
});

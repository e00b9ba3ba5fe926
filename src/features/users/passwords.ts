import { hash, verify, Algorithm } from '@node-rs/argon2';
import { DomainError } from '../../errors.ts';

// argon2id with OWASP's minimum (19 MiB, 2 iterations, 1 lane).
const options = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (plain: string) => hash(plain, options);
export const verifyPassword = (stored: string, plain: string) => verify(stored, plain).catch(() => false);

/** A hash to verify against when the user does not exist, so timing does not reveal who has an account. */
export const dummyHash = hash('almen-dummy-password', options);

export function checkPasswordStrength(password: string, username: string): void {
  const problems: string[] = [];
  if (password.length < 12) problems.push('mindst 12 tegn');
  if (password.length > 200) problems.push('højst 200 tegn');
  if (password.toLowerCase().includes(username.toLowerCase())) problems.push('må ikke indeholde brugernavnet');
  if (new Set(password).size < 5) problems.push('for få forskellige tegn');
  if (problems.length) {
    throw new DomainError('VALIDATION', `Adgangskoden skal have ${problems.join(', ')}.`, {
      fields: [{ field: 'password', message: problems.join(', ') }],
    });
  }
}

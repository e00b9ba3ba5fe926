// The access tests' users and data, in municipalities no other browser test uses: Ballerup (0151) and
// Brøndby (0153). One user per role, a locked account, a user whose password the test changes, an applicant.
import type { Db } from '../../src/db/index.ts';
import { createAnsoeger } from '../../src/features/ansoegere/personal.ts';
import { systemActor } from '../../src/http/access.ts';
import { parseKeyring } from '../../src/shared/crypto.ts';
import { createTestUser, grant, TEST_KEYS, TEST_PASSWORD } from '../app.ts';
import { afdeling, boligorganisation } from '../factories.ts';

export const BALLERUP = '0151';
export const BROENDBY = '0153';

export interface Credentials {
  username: string;
  password: string;
}
export type AccessUsers = Record<'administrator' | 'boligkontor' | 'anvisning' | 'boligorganisation' | 'laeser' | 'locked' | 'passwordChanger', Credentials>;

/** The seeded applicant (CPR 010190-1234) in Ballerup. */
export const APPLICANT = { navn: 'Bodil Hansen', cpr: '010190-1234' };

export async function seedAccess(db: Db): Promise<AccessUsers> {
  const org = await boligorganisation(db, { navn: 'Ballerup Boligselskab', lbf_nr: 1510, kommunekode: BALLERUP });
  await afdeling(db, { boligorganisation_id: org.id, afdelingsnummer: 1, navn: 'Magleparken', kommunekode: BALLERUP, antal_familie: 120 });
  await boligorganisation(db, { navn: 'Brøndby Strand Bolig', lbf_nr: 1530, kommunekode: BROENDBY });

  const user = async (username: string, display: string, grants: ReturnType<typeof grant>[]) => {
    const u = await createTestUser(db, grants, username);
    await db.pool.query('UPDATE app_user SET display_name = $1 WHERE id = $2', [display, u.id]);
    return { id: u.id, username, password: TEST_PASSWORD };
  };
  const users: AccessUsers = {
    administrator: await user('e2e-adm-vest', 'Ada Administrator', [grant('administrator', BALLERUP), grant('administrator', BROENDBY)]),
    boligkontor: await user('e2e-boligkontor', 'Bo Kontor', [grant('boligkontor', BALLERUP)]),
    anvisning: await user('e2e-anvisning', 'Anne Anvisning', [grant('anvisning', BALLERUP)]),
    boligorganisation: await user('e2e-boligorg', 'Birte Boligorganisation', [grant('boligorganisation', BALLERUP, org.id)]),
    laeser: await user('e2e-laeser-vest', 'Lars Læser', [grant('laeser', BALLERUP)]),
    locked: await user('e2e-spaerret', 'Sofie Spærret', [grant('laeser', BALLERUP)]),
    passwordChanger: await user('e2e-skifter', 'Svend Skifter', [grant('laeser', BROENDBY)]),
  };
  await db.pool.query("UPDATE app_user SET failed_logins = 5, locked_until = now() + interval '1 day' WHERE username = $1", [users.locked.username]);
  await createAnsoeger(db, parseKeyring(TEST_KEYS), systemActor('e2e-seed'), { kommunekode: BALLERUP, cpr: APPLICANT.cpr, navn: APPLICANT.navn, maalgruppe: 'hjemløse' });
  return users;
}

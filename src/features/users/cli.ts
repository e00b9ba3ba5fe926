// `almen admin create …`, `almen retention`, `almen keys rotate|new`.
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { withDb } from '../../cli/open.ts';
import { systemActor } from '../../http/access.ts';
import { loadKeyring, newKeySpec } from '../../shared/keys.ts';
import { applyRetention, rotateKeys } from '../ansoegere/personal.ts';
import { createUser } from './commands.ts';
import { purgeExpiredSessions } from './sessions.ts';

export async function adminCommand(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { username: { type: 'string' }, name: { type: 'string' }, kommune: { type: 'string', multiple: true }, 'password-stdin': { type: 'boolean' } },
  });
  if (positionals[0] !== 'create' || !values.username || !values.kommune?.length) {
    console.error('Brug: almen admin create --username NAVN --kommune KODE [--kommune KODE …] [--name "Fulde navn"] [--password-stdin]');
    return 2;
  }
  const password = values['password-stdin'] ? (await readStdin()).trim() : randomBytes(18).toString('base64url');
  return withDb(async (db) => {
    const kommuner = values.kommune!.map((k) => k.padStart(4, '0'));
    const user = await createUser(db, systemActor('cli'), {
      username: values.username!,
      display_name: values.name ?? values.username!,
      password,
      grants: kommuner.map((kommunekode) => ({ role: 'administrator' as const, kommunekode, boligorganisation_id: null })),
    });
    console.log(`Administrator ${user.username} oprettet for kommune ${kommuner.join(', ')}.`);
    if (!values['password-stdin']) console.log(`Adgangskode (vises kun denne ene gang): ${password}`);
    return 0;
  });
}

export async function retentionCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { days: { type: 'string' } } });
  return withDb(async (db, config) => {
    const days = values.days ? Number(values.days) : config.ALMEN_RETENTION_DAYS;
    if (!Number.isInteger(days) || days < 0) {
      console.error('--days skal være et helt antal dage');
      return 2;
    }
    const ids = await applyRetention(db, systemActor('sletning'), days);
    const sessions = await purgeExpiredSessions(db);
    console.log(`Anonymiseret: ${ids.length} lukkede sager ældre end ${days} dage. Udløbne sessioner slettet: ${sessions}.`);
    return 0;
  });
}

export async function keysCommand(argv: string[]): Promise<number> {
  const [sub, kid] = argv;
  if (sub === 'new') {
    console.log(newKeySpec(kid ?? `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`));
    return 0;
  }
  if (sub !== 'rotate') {
    console.error('Brug: almen keys new [NØGLE-ID]  |  almen keys rotate   (genkrypterer med ALMEN_ENCRYPTION_ACTIVE_KEY)');
    return 2;
  }
  return withDb(async (db, config) => {
    const n = await rotateKeys(db, loadKeyring(config), systemActor('noegleskift'));
    console.log(`Genkrypteret: ${n} værdier.`);
    return 0;
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// `almen import <fil> --type <art> [--kilde TEKST] [--opgjort-pr ÅÅÅÅ-MM-DD] [--preview]`
// Exit codes: 0 imported or unchanged (or a preview without errors), 1 rejected file, 2 wrong use or no database.
import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Db } from '../../db/index.ts';
import { DomainError } from '../../errors.ts';
import { openFromConfig } from '../../cli/open.ts';
import { importKinds, type ImportKind } from './formats.ts';
import { runImport, type ImportProgress, type ImportResult } from './importer.ts';
import { danishNumber as nf } from './values.ts';

const usage = `Brug: almen import <fil> --type <art> [--kilde TEKST] [--opgjort-pr ÅÅÅÅ-MM-DD] [--preview]
Arter: ${importKinds.join(', ')}`;

export interface CliIo {
  out: (line: string) => void;
  err: (text: string) => void;
  /** Rewrite one status line in place (a terminal) rather than print a line per update. */
  tty: boolean;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (text) => process.stderr.write(text),
  tty: Boolean(process.stderr.isTTY),
};

interface Args {
  file: string;
  kind: ImportKind;
  kilde?: string;
  opgjortPr?: string;
  preview: boolean;
}

/** Parses the arguments; a string is the Danish reason they are wrong. */
export function parseImportArgs(argv: string[]): Args | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        type: { type: 'string', short: 't' },
        kilde: { type: 'string' },
        'opgjort-pr': { type: 'string' },
        preview: { type: 'boolean' },
      },
    });
  } catch (err) {
    return `Ukendt eller ufuldstændigt argument: ${(err as Error).message}`;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return 'Angiv præcis én fil.';
  if (!values.type) return 'Angiv filens art med --type.';
  if (!(importKinds as readonly string[]).includes(values.type)) return `Ukendt art "${values.type}".`;
  return {
    file: positionals[0],
    kind: values.type as ImportKind,
    kilde: values.kilde,
    opgjortPr: values['opgjort-pr'],
    preview: values.preview ?? false,
  };
}

const phaseText: Record<ImportProgress['phase'], string> = {
  læser: 'Læser filen',
  validerer: 'Kontrollerer og indlæser rækker',
  skriver: 'Skriver til registret',
  færdig: 'Færdig',
};

function progressPrinter(io: CliIo): (p: ImportProgress) => void {
  let lastPhase = '';
  let lastAt = 0;
  return (p) => {
    const now = Date.now();
    if (!io.tty && p.phase === lastPhase && now - lastAt < 5000) return;
    lastPhase = p.phase;
    lastAt = now;
    const count = p.rows ? `: ${nf(p.rows)}${p.total ? ` af ca. ${nf(p.total)}` : ''} rækker` : '';
    const line = `${phaseText[p.phase]}${count}`;
    io.err(io.tty ? `\r\x1b[K${line}${p.phase === 'færdig' ? '\n' : ''}` : line + '\n');
  };
}

/** The report: outcome, counts and every rejected row as "linje 7, kolonne husleje_maaned: … (værdi: 'abc')". */
export function formatReport(r: ImportResult): string[] {
  const lines = [r.message];
  if (r.state === 'succeeded' || r.state === 'unchanged') {
    lines.push(`Import nr. ${r.job_id}: ${nf(r.rows_total)} rækker, ${nf(r.rows_inserted)} nye, ${nf(r.rows_updated)} ændrede, ${nf(r.rows_unchanged)} uændrede.`);
  }
  for (const e of r.errors) {
    const where = [`linje ${e.line}`, e.column ? `kolonne ${e.column}` : null].filter(Boolean).join(', ');
    lines.push(`${where}: ${e.message}${e.value !== undefined ? ` (værdi: '${e.value}')` : ''}`);
  }
  if (r.error_count > r.errors.length) lines.push(`… og ${nf(r.error_count - r.errors.length)} fejl mere (kun de første ${nf(r.errors.length)} er vist og gemt).`);
  if (r.state === 'failed' && r.job_id) lines.push(`Importen er registreret som nr. ${r.job_id} med status afvist.`);
  return lines;
}

/** The command's work on an open database; returns the exit code. */
export async function importFile(db: Db, args: Args, io: CliIo = processIo): Promise<number> {
  if (!existsSync(args.file) || !statSync(args.file).isFile()) {
    io.err(`Filen ${args.file} findes ikke.\n`);
    return 2;
  }
  let result: ImportResult;
  try {
    result = await runImport(db, {
      kind: args.kind,
      fileName: basename(args.file),
      source: { path: args.file },
      kilde: args.kilde,
      opgjortPr: args.opgjortPr,
      preview: args.preview,
      actor: `cli:${safeUser()}`,
      onProgress: progressPrinter(io),
    });
  } catch (err) {
    if (err instanceof DomainError) {
      io.err(`Fejl: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  for (const line of formatReport(result)) io.out(line);
  if (result.state === 'preview') {
    for (const row of result.preview?.rows.slice(0, 5) ?? []) io.out(`  ${row.join(' | ')}`);
    return result.error_count > 0 ? 1 : 0;
  }
  return result.state === 'failed' ? 1 : 0;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'ukendt';
  }
}

export async function importCommand(argv: string[]): Promise<number> {
  const args = parseImportArgs(argv);
  if (typeof args === 'string') {
    console.error(`${args}\n${usage}`);
    return 2;
  }
  if (!existsSync(args.file)) {
    console.error(`Filen ${args.file} findes ikke.`);
    return 2;
  }
  let db: Db;
  try {
    ({ db } = await openFromConfig());
  } catch (err) {
    // e.g. the embedded database folder is locked by a running app (the message says what to do)
    console.error(`Kan ikke åbne databasen: ${(err as Error).message}`);
    return 2;
  }
  try {
    return await importFile(db, args);
  } catch (err) {
    console.error(`Importen fejlede: ${(err as Error).message}`);
    return 2;
  } finally {
    await db.close();
  }
}

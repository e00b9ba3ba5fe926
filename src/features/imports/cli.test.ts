import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeDb } from '../../../tests/db.ts';
import { importCommand, importFile, parseImportArgs, type CliIo } from './cli.ts';
import { boliger, csvText, organisationer, resetRegister, seedRegister } from './fixtures.ts';

function captureIo(): CliIo & { stdout: string[]; stderr: string } {
  const io = { stdout: [] as string[], stderr: '', tty: false, out: (l: string) => io.stdout.push(l), err: (t: string) => (io.stderr += t) };
  return io;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'almen-cli-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('parseImportArgs', () => {
  it('reads the file, the kind and the options, and explains wrong use in Danish', () => {
    expect(parseImportArgs(['b.csv', '--type', 'boliger', '--kilde', 'LBF', '--opgjort-pr', '2024-01-01'])).toEqual({
      file: 'b.csv',
      kind: 'boliger',
      kilde: 'LBF',
      opgjortPr: '2024-01-01',
      preview: false,
    });
    expect(parseImportArgs(['b.csv'])).toBe('Angiv filens art med --type.');
    expect(parseImportArgs(['b.csv', '--type', 'huse'])).toBe('Ukendt art "huse".');
    expect(parseImportArgs(['--type', 'boliger'])).toBe('Angiv præcis én fil.');
    expect(parseImportArgs(['b.csv', '--type', 'boliger', '--hurtigt'])).toMatch(/^Ukendt eller ufuldstændigt argument/);
  });
});

describeDb('import command', (ctx) => {
  beforeEach(async () => {
    await resetRegister(ctx.db);
  });

  it('exits 0 on success and on an unchanged file, 1 on a rejected file with every error, 2 on a missing file', async () => {
    await seedRegister(ctx.db);
    const file = join(dir, 'boliger.csv');
    writeFileSync(file, csvText(boliger(8)));
    const ok = captureIo();
    expect(await importFile(ctx.db, { file, kind: 'boliger', preview: false }, ok)).toBe(0);
    expect(ok.stdout[0]).toBe('Importeret: 8 nye, 0 ændrede og 0 uændrede rækker.');
    expect(ok.stderr).toMatch(/Færdig: 8 af ca\. 8 rækker/);
    expect(await importFile(ctx.db, { file, kind: 'boliger', preview: false }, captureIo())).toBe(0);

    const rows = boliger(8);
    rows[6][8] = 'abc';
    rows[7][6] = '';
    writeFileSync(file, csvText(rows));
    const bad = captureIo();
    expect(await importFile(ctx.db, { file, kind: 'boliger', preview: false }, bad)).toBe(1);
    expect(bad.stdout).toEqual([
      'Filen blev afvist: 2 fejl i 2 rækker. Intet er gemt.',
      "linje 7, kolonne husleje_maaned: Skal være et tal, fx 1234,5. (værdi: 'abc')",
      'linje 8, kolonne vaerelser: Feltet skal udfyldes.',
      expect.stringMatching(/^Importen er registreret som nr\. \d+ med status afvist\.$/),
    ]);
    expect(await importFile(ctx.db, { file: join(dir, 'findes-ikke.csv'), kind: 'boliger', preview: false }, captureIo())).toBe(2);
  });
});

describe('importCommand', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('opens the embedded database of ALMEN_DATA_DIR, imports, and refuses a folder another process has locked', async () => {
    delete process.env.DATABASE_URL;
    process.env.ALMEN_DATA_DIR = join(dir, 'data');
    const file = join(dir, 'org.csv');
    writeFileSync(file, csvText(organisationer));
    const log = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const errw = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await importCommand([file, '--type', 'boligorganisationer'])).toBe(0);
      expect(log.mock.calls.map((c) => String(c[0])).join('')).toContain('Importeret: 2 nye');
      expect(await importCommand([file, '--type', 'huse'])).toBe(2);

      // A running app holds the folder: its lock names a live process (here: our parent).
      writeFileSync(join(dir, 'data', 'almen.lock'), String(process.ppid));
      expect(await importCommand([file, '--type', 'boligorganisationer'])).toBe(2);
      expect(err.mock.calls.at(-1)![0]).toMatch(/^Kan ikke åbne databasen: .*bruges allerede af en anden proces.*DATABASE_URL/);
    } finally {
      log.mockRestore();
      err.mockRestore();
      errw.mockRestore();
    }
  });
});

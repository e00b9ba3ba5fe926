import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_LOAD_ORDER } from './kommune.ts';
import { demoCommand } from './cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'almen-demo-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('almen demo', () => {
  let out: string[];
  let err: string[];
  beforeEach(() => {
    out = [];
    err = [];
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
    return () => vi.restoreAllMocks();
  });

  it('writes the demo municipality and prints its figures in Danish', async () => {
    const dir = join(tmp, 'kommune');
    expect(await demoCommand(['--kommune', dir, '--seed', '3', '--danish-excel'])).toBe(0);
    for (const kind of DEMO_LOAD_ORDER) expect(existsSync(join(dir, `${kind}.csv`))).toBe(true);
    expect(out.join('\n')).toMatch(/Eksempel Kommune[\s\S]*7\.308 familie[\s\S]*54,0 % af boligmassen/);
  });

  it('writes a small synthetic country and prints the counts', async () => {
    const dir = join(tmp, 'national');
    expect(await demoCommand(['--national', dir, '--scale', '0.01'])).toBe(0);
    expect(existsSync(join(dir, 'boliger.csv'))).toBe(true);
    expect(out.join('\n')).toMatch(/98 kommuner.*5\.930 boliger/);
  });

  it('exits non-zero with a Danish message on bad arguments', async () => {
    const d = join(tmp, 'x');
    const bad = [
      [],
      ['--kommune'],
      ['--bogus'],
      ['--kommune', d, '--national', d],
      ['--kommune', d, '--seed', 'x'],
      ['--kommune', d, '--scale', '0.5'],
      ['--national', d, '--scale', '0'],
      ['--national', d, '--scale', '2'],
      ['--national', d, 'ekstra'],
    ];
    for (const argv of bad) {
      err = [];
      expect(await demoCommand(argv), argv.join(' ')).toBe(2);
      expect(err.join('\n')).toContain('Brug:');
    }
    expect(existsSync(d)).toBe(false);
  });

  it('prints help', async () => {
    expect(await demoCommand(['--help'])).toBe(0);
    expect(out.join('\n')).toContain('almen demo --national');
  });
});

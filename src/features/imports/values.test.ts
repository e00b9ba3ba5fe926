import { describe, it, expect } from 'vitest';
import { columnChecker, copyEscape, Invalid, parseNumberAt, type DecimalConvention } from './values.ts';
import { ByteWriter } from './csv.ts';
import type { ColumnSpec } from './formats.ts';

const kommuner = new Set([163, 101]);
/** The canonical text the byte-level parser writes, or null. */
function parseNumber(raw: string, conv: DecimalConvention): string | null {
  const w = new ByteWriter(4);
  w.byte(0x7c); // something before, to see that a rejection writes nothing
  const b = Buffer.from(raw, 'utf8');
  const ok = parseNumberAt(b, 0, b.length, conv, w);
  if (!ok) expect(w.pos).toBe(1);
  return ok ? w.buf.toString('utf8', 1, w.pos) : null;
}
/** Checks one (already trimmed) cell: the written text, null for empty, or the Invalid. */
function check(type: ColumnSpec['type'], raw: string, conv: DecimalConvention = 'comma'): string | null | Invalid {
  const w = new ByteWriter(4);
  const b = Buffer.from(raw, 'utf8');
  const res = columnChecker({ name: 'x', type, required: false, doc: '', example: '' }, conv, kommuner)(b, 0, b.length, w);
  if (res !== undefined) expect(w.pos).toBe(0);
  return res === undefined ? w.buf.toString('utf8', 0, w.pos) : res;
}
const message = (v: unknown) => (v instanceof Invalid ? v.message : v);

describe('parseNumber', () => {
  it.each([
    ['1234', 'comma', '1234'],
    ['1234,5', 'comma', '1234.5'],
    ['1.234,5', 'comma', '1234.5'],
    ['1.234.567,25', 'comma', '1234567.25'],
    ['1.234', 'comma', '1234'], // Danish thousands dot
    ['1.234', 'point', '1.234'],
    ['78.5', 'comma', '78.5'], // not three digits after the dot: a decimal point
    ['1,234.5', 'point', '1234.5'],
    ['1234.50', 'point', '1234.5'],
    ['-12,5', 'comma', '-12.5'],
    ['\u221212', 'comma', '-12'],
    ['1 234,5', 'comma', '1234.5'],
    [',5', 'comma', '0.5'],
    ['6520,00', 'comma', '6520'],
    ['007', 'comma', '7'],
    ['0,50', 'comma', '0.5'],
    ['1\u00a0234,5', 'comma', '1234.5'],
  ] as const)('%s (%s) -> %s', (raw, conv, out) => {
    expect(parseNumber(raw, conv)).toBe(out);
  });

  it.each(['abc', '1,2,3', '12.34.5', '1.23,4', '', '-', '1e5', '12,', '1.2345,6', '1,234,5', '12a'])('rejects %j', (raw) => {
    expect(parseNumber(raw, 'comma')).toBeNull();
  });
});

describe('columnChecker', () => {
  it('reads integers with thousands dots and rejects fractions', () => {
    expect(check({ t: 'int', min: 0 }, '1.243')).toBe('1243');
    expect(check({ t: 'int', min: 0 }, '007')).toBe('7');
    expect(check({ t: 'int', min: 0 }, '12,0')).toBe('12');
    expect(message(check({ t: 'int', min: 0 }, '12,5'))).toBe('Skal være et heltal.');
    expect(message(check({ t: 'int', min: 1, max: 20 }, '21'))).toBe('Skal være mellem 1 og 20.');
    expect(message(check({ t: 'int', min: 0 }, '-1'))).toBe('Skal være mindst 0.');
    expect(message(check({ t: 'int', min: 0 }, '9999999999'))).toMatch(/Må højst være 2\.147\.483\.647/);
  });

  it('reads decimals with a decimal comma, a percent sign and a limited number of decimals', () => {
    expect(check({ t: 'decimal', min: 0, max: 100, scale: 2 }, '38,5')).toBe('38.5');
    expect(check({ t: 'decimal', min: 0, max: 100, scale: 2 }, '38,5 %')).toBe('38.5');
    expect(check({ t: 'decimal', min: 0, scale: 2 }, '1.012,50')).toBe('1012.5');
    expect(message(check({ t: 'decimal', min: 1, max: 1000, scale: 1 }, '78,55'))).toBe('Højst 1 decimal.');
    expect(message(check({ t: 'decimal', min: 0, max: 100, scale: 2 }, '100,5'))).toBe('Skal være mellem 0 og 100.');
    expect(message(check({ t: 'decimal', min: 0, scale: 2 }, 'abc'))).toBe('Skal være et tal, fx 1234,5.');
  });

  it('pads kommunekoder and postnumre and checks that the kommune exists', () => {
    expect(check({ t: 'kommunekode' }, '163')).toBe('0163');
    expect(check({ t: 'kommunekode' }, '0101')).toBe('0101');
    expect(message(check({ t: 'kommunekode' }, '999'))).toBe('Kommunekoden 0999 findes ikke.');
    expect(message(check({ t: 'kommunekode' }, '16a'))).toBe('Kommunekoden skal være 4 cifre.');
    expect(check({ t: 'postnummer' }, '800')).toBe('0800');
    expect(message(check({ t: 'postnummer' }, '27300'))).toBe('Postnummeret skal være 4 cifre.');
  });

  it('matches enums case-insensitively and lists the allowed values', () => {
    const t = { t: 'enum', values: ['familie', 'ungdom'] } as const;
    expect(check(t, 'Familie')).toBe('familie');
    expect(message(check(t, 'villa'))).toBe('Ugyldig værdi. Tilladt: familie, ungdom.');
  });

  it('checks CVR numbers and text length, and gives null for empty cells', () => {
    expect(check({ t: 'cvr' }, '1234 5678')).toBe('12345678');
    expect(message(check({ t: 'cvr' }, '1234567'))).toBe('CVR-nummeret skal være 8 cifre.');
    expect(message(check({ t: 'text', max: 3 }, 'abcd'))).toBe('Teksten er for lang (højst 3 tegn).');
    expect(check({ t: 'text' }, '')).toBeNull();
    expect(check({ t: 'int' }, '')).toBeNull();
  });

  it('escapes what COPY text format treats specially', () => {
    expect(copyEscape('a\tb\\c\nd\re')).toBe('a\\tb\\\\c\\nd\\re');
    expect(check({ t: 'text' }, 'Vej 1\t2')).toBe('Vej 1\\t2');
    expect(check({ t: 'text', max: 4 }, 'Åæøå')).toBe('Åæøå'); // characters, not bytes
    expect(message(check({ t: 'text' }, 'a\u0000b'))).toBe('Teksten indeholder et ugyldigt tegn (NUL).');
    expect(message(check({ t: 'enum', values: ['aeldre'] }, 'ÆLDRE'))).toMatch(/^Ugyldig værdi/);
  });
});

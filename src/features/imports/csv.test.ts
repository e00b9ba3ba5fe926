import { describe, it, expect } from 'vitest';
import iconv from 'iconv-lite';
import { CsvReader, detectSeparator, StringRecords, toUtf8 } from './csv.ts';
import { inspectSource } from './source.ts';

/** Parses bytes fed in pieces of the given size; returns [line, fields] per record and the errors. */
function parse(input: string | Buffer, piece = input.length || 1) {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const records: [number, string[]][] = [];
  const errors: [number, string][] = [];
  const p = new CsvReader(
    (r) => records.push([r.line, Array.from({ length: r.n }, (_, i) => r.buf.toString('utf8', r.starts[i], r.ends[i]))]),
    (line, m) => errors.push([line, m]),
  );
  for (let i = 0; i < bytes.length; i += piece) p.push(bytes.subarray(i, i + piece));
  p.end();
  return { records, errors, sep: p.sep < 0 ? null : String.fromCharCode(p.sep) };
}
const sep = (s: string) => String.fromCharCode(detectSeparator(Buffer.from(s)));

describe('detectSeparator', () => {
  it('picks the most frequent separator outside quotes', () => {
    expect(sep('a;b;c')).toBe(';');
    expect(sep('a,b,c')).toBe(',');
    expect(sep('a\tb\tc')).toBe('\t');
    expect(sep('"a,b,c";d;e')).toBe(';');
  });
});

describe('CsvReader', () => {
  const text = 'navn;adresse;antal\r\n"Eng; parken";"Engvej ""1""";3\r\nSøparken;"Søvej 2\r\n2. th.";4\r\n\r\nx;y;5';

  it.each([1, 2, 3, 7, 1000])('reads quotes, separators in quotes, CRLF and line breaks in quotes (pieces of %i)', (piece) => {
    const { records, errors, sep } = parse(text, piece);
    expect(sep).toBe(';');
    expect(errors).toEqual([]);
    expect(records).toEqual([
      [1, ['navn', 'adresse', 'antal']],
      [2, ['Eng; parken', 'Engvej "1"', '3']],
      [3, ['Søparken', 'Søvej 2\r\n2. th.', '4']],
      [5, ['']],
      [6, ['x', 'y', '5']],
    ]);
  });

  it('reads comma-separated files', () => {
    const { records, sep } = parse('a,b\n"1,5",2\n');
    expect(sep).toBe(',');
    expect(records.map((r) => r[1])).toEqual([
      ['a', 'b'],
      ['1,5', '2'],
    ]);
  });

  it('strips a BOM split across pieces and keeps multi-byte characters split across pieces', () => {
    const bytes = Buffer.from('\uFEFFnavn;by\nÆblehaven;Århus\n', 'utf8');
    for (const piece of [1, 2, 4]) {
      expect(parse(bytes, piece).records).toEqual([
        [1, ['navn', 'by']],
        [2, ['Æblehaven', 'Århus']],
      ]);
    }
  });

  it('reports an unterminated quote with its line', () => {
    const { errors } = parse('a;b\n1;"abc\n2;3\n');
    expect(errors).toEqual([[2, expect.stringContaining('ikke afsluttet')]]);
  });
});

describe('decoding', () => {
  it('turns spreadsheet rows into the same records', () => {
    const r = new StringRecords().record(['Æble', '', '12,5'], 7);
    expect([r.n, r.line, r.buf.toString('utf8', r.starts[0], r.ends[0]), r.ends[1] - r.starts[1], r.buf.toString('utf8', r.starts[2], r.ends[2])]).toEqual([
      3, 7, 'Æble', 0, '12,5',
    ]);
  });

  it('detects windows-1252 when the bytes are not UTF-8, and UTF-8 split across chunks', async () => {
    const latin = iconv.encode('navn\nÆblehaven Ørestad Åbyhøj €\n', 'win1252');
    const info = await inspectSource({ buffer: latin }, 'x.csv');
    expect(info.encoding).toBe('windows-1252');
    expect(toUtf8(latin, 'windows-1252').toString('utf8')).toBe('navn\nÆblehaven Ørestad Åbyhøj €\n');
    expect(info.lines).toBe(2);

    const utf8 = Buffer.from('navn\n' + 'æøå'.repeat(600_000), 'utf8'); // crosses the 1 MiB chunk edge mid-character
    expect((await inspectSource({ buffer: utf8 }, 'x.csv')).encoding).toBe('utf-8');
  });

  it('tells CSV from xlsx by content and refuses other files', async () => {
    expect((await inspectSource({ buffer: Buffer.from('PK\x03\x04rest') }, 'data.csv')).type).toBe('xlsx');
    await expect(inspectSource({ buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]) }, 'gammel.xls')).rejects.toMatchObject({
      code: 'UNSUPPORTED_FILE',
    });
    await expect(inspectSource({ buffer: Buffer.from('%PDF-1.4\0\0') }, 'x.pdf')).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE' });
  });
});

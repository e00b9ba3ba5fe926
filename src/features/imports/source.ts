// One cheap pass over the raw bytes before parsing: file type, SHA-256, size, whether the bytes are valid
// UTF-8 (else windows-1252) and the number of lines (for progress). Parsing then streams the file again.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { DomainError } from '../../errors.ts';
import type { Encoding } from './csv.ts';

export type ImportSource = { path: string } | { buffer: Buffer };

export interface SourceInfo {
  type: 'csv' | 'xlsx';
  sha256: string;
  size: number;
  encoding: Encoding;
  /** Lines in a CSV file (a line break inside quotes counts too): an upper bound of its rows plus one. */
  lines: number;
}

const CHUNK = 1 << 20;

export function openSource(source: ImportSource): Readable {
  if ('path' in source) return createReadStream(source.path, { highWaterMark: CHUNK });
  const buf = source.buffer;
  return Readable.from(
    (function* () {
      for (let i = 0; i < buf.length; i += CHUNK) yield buf.subarray(i, i + CHUNK);
    })(),
  );
}

function sniff(head: Buffer, fileName: string): 'csv' | 'xlsx' {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new DomainError('UNSUPPORTED_FILE', 'Gamle Excel-filer (.xls) kan ikke indlæses. Gem filen som .xlsx eller CSV.');
  }
  if (/\.(xlsx|xlsm|xls|ods|numbers|pdf|docx?)$/i.test(fileName) || head.subarray(0, 8192).includes(0)) {
    throw new DomainError('UNSUPPORTED_FILE', 'Filen er hverken en CSV-fil eller et Excel-ark (.xlsx).');
  }
  return 'csv';
}

/** Length of an unfinished UTF-8 sequence at the end of b (0-3), so chunks are checked on whole characters. */
function utf8Tail(b: Buffer): number {
  for (let k = 1; k <= Math.min(3, b.length); k++) {
    const c = b[b.length - k];
    if ((c & 0xc0) === 0x80) continue; // continuation byte
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

export async function inspectSource(source: ImportSource, fileName: string): Promise<SourceInfo> {
  const hash = createHash('sha256');
  let size = 0;
  let lines = 0;
  let utf8 = true;
  let pending: Buffer | null = null;
  let type: 'csv' | 'xlsx' | null = null;
  let last = 10;
  for await (const chunk of openSource(source) as AsyncIterable<Buffer>) {
    if (type === null) type = sniff(chunk, fileName);
    hash.update(chunk);
    size += chunk.length;
    if (type === 'xlsx') continue;
    for (let p = chunk.indexOf(10); p >= 0; p = chunk.indexOf(10, p + 1)) lines++;
    if (chunk.length > 0) last = chunk[chunk.length - 1];
    if (utf8) {
      const b: Buffer = pending ? Buffer.concat([pending, chunk]) : chunk;
      const tail = utf8Tail(b);
      utf8 = isUtf8(b.subarray(0, b.length - tail));
      pending = tail ? Buffer.from(b.subarray(b.length - tail)) : null;
    }
  }
  if (pending) utf8 = false; // the file ends inside a character
  return { type: type ?? 'csv', sha256: hash.digest('hex'), size, encoding: utf8 ? 'utf-8' : 'windows-1252', lines: lines + (last === 10 ? 0 : 1) };
}

// A streaming RFC 4180 reader for what Danish Excel writes (semicolon, CRLF, optional BOM, windows-1252)
// and for plain comma-separated UTF-8. It works on bytes, not strings: a record is a buffer with field
// offsets, so 600,000 rows are read without decoding text or allocating a string per field.
import iconv from 'iconv-lite';

export type Encoding = 'utf-8' | 'windows-1252';

/** One record: field i is buf[starts[i], ends[i]) in UTF-8. Reused for the next record: copy what you keep. */
export interface CsvRecord {
  buf: Buffer;
  starts: Int32Array;
  ends: Int32Array;
  n: number;
  /** File line the record starts on (1-based). */
  line: number;
}

export type RecordSink = (r: CsvRecord) => void;

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** Bytes as UTF-8: windows-1252 is one byte a character, so chunks convert independently. */
export function toUtf8(chunk: Buffer, encoding: Encoding): Buffer {
  return encoding === 'utf-8' ? chunk : Buffer.from(iconv.decode(chunk, 'win1252'), 'utf8');
}

const candidates = [0x3b, 0x2c, 0x09]; // ; , tab

/** The separator is the candidate that occurs most often outside quotes in the header line. */
export function detectSeparator(b: Uint8Array, start = 0, end = b.length): number {
  const counts = [0, 0, 0];
  let quoted = false;
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted) {
      const k = candidates.indexOf(c);
      if (k >= 0) counts[k]++;
    }
  }
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k] > counts[best]) best = k;
  return counts[best] > 0 ? candidates[best] : 0x2c;
}

/** A growable byte buffer written from the front. */
export class ByteWriter {
  buf: Buffer;
  pos = 0;
  constructor(size = 1 << 16) {
    this.buf = Buffer.allocUnsafe(size);
  }
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }
  byte(c: number): void {
    if (this.pos === this.buf.length) this.ensure(1);
    this.buf[this.pos++] = c;
  }
  copy(src: Uint8Array, s: number, e: number): void {
    const n = e - s;
    this.ensure(n);
    if (n < 24) for (let i = s; i < e; i++) this.buf[this.pos++] = src[i];
    else {
      this.buf.set(src.subarray(s, e), this.pos);
      this.pos += n;
    }
  }
  bytes(src: Uint8Array): void {
    this.copy(src, 0, src.length);
  }
  /** Hands over what was written and starts a new buffer (the old one may still be in flight). */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.pos = 0;
    return out;
  }
}

function makeRecord(buf: Buffer): CsvRecord {
  return { buf, starts: new Int32Array(64), ends: new Int32Array(64), n: 0, line: 0 };
}

function grow(r: CsvRecord): void {
  const s = new Int32Array(r.starts.length * 2);
  const e = new Int32Array(r.ends.length * 2);
  s.set(r.starts);
  e.set(r.ends);
  r.starts = s;
  r.ends = e;
}

export class CsvReader {
  /** Separator byte, known once the header line has been seen. */
  sep = -1;
  private carry: Buffer | null = null;
  private line = 1;
  private started = false;
  private readonly rec = makeRecord(Buffer.alloc(0));
  private readonly scratch = new ByteWriter();

  constructor(
    private readonly sink: RecordSink,
    private readonly onError: (line: number, message: string) => void,
  ) {}

  push(chunk: Buffer): void {
    let b = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    if (!this.started) {
      if (b.length < 3 && b.length > 0 && b[0] === 0xef) {
        this.carry = Buffer.from(b); // too short to tell whether it is a BOM
        return;
      }
      this.started = true;
      if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
    }
    const pos = this.parse(b, false);
    if (pos < b.length) this.carry = Buffer.from(b.subarray(pos));
  }

  end(): void {
    let b = this.carry;
    this.carry = null;
    if (!b) return;
    if (!this.started) {
      this.started = true;
      if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
    }
    if (b.length > 0) this.parse(b, true);
  }

  /** Parses whole records from b; returns where the unfinished rest starts. */
  private parse(b: Buffer, final: boolean): number {
    const n = b.length;
    if (this.sep < 0) {
      let nl = b.indexOf(LF);
      if (nl < 0) {
        if (!final) return 0;
        nl = n;
      }
      this.sep = detectSeparator(b, 0, nl);
    }
    const sep = this.sep;
    const r = this.rec;
    r.buf = b;
    let pos = 0;
    let nextQuote = -1;
    while (pos < n) {
      let nl = b.indexOf(LF, pos);
      if (nl < 0) {
        if (!final) break;
        nl = n;
      }
      if (nextQuote < pos) {
        nextQuote = b.indexOf(QUOTE, pos);
        if (nextQuote < 0) nextQuote = n;
      }
      if (nextQuote >= nl) {
        const end = nl > pos && b[nl - 1] === CR ? nl - 1 : nl;
        let k = 0;
        let s = pos;
        for (let i = pos; i < end; i++) {
          if (b[i] === sep) {
            if (k + 1 >= r.starts.length) grow(r);
            r.starts[k] = s;
            r.ends[k++] = i;
            s = i + 1;
          }
        }
        if (k >= r.starts.length) grow(r);
        r.starts[k] = s;
        r.ends[k++] = end;
        r.n = k;
        r.line = this.line;
        r.buf = b;
        this.sink(r);
        this.line++;
        pos = nl + 1;
      } else {
        const next = this.quotedRecord(b, pos, sep, final);
        if (next < 0) break;
        pos = next;
      }
    }
    return Math.min(pos, n);
  }

  /** The slow path: a record with quotes, unescaped into scratch. Returns -1 when it is not complete yet. */
  private quotedRecord(b: Buffer, start: number, sep: number, final: boolean): number {
    const n = b.length;
    const w = this.scratch;
    const r = this.rec;
    w.pos = 0;
    let k = 0;
    let i = start;
    let newlines = 0;
    for (;;) {
      const fieldStart = w.pos;
      if (i < n && b[i] === QUOTE) {
        i++;
        for (;;) {
          const q = b.indexOf(QUOTE, i);
          if (q < 0) {
            if (!final) return -1;
            this.onError(this.line, 'Et felt i anførselstegn er ikke afsluttet (mangler det afsluttende ").');
            newlines += countLf(b, i, n);
            w.copy(b, i, n);
            i = n;
            break;
          }
          newlines += countLf(b, i, q);
          w.copy(b, i, q);
          if (q + 1 < n && b[q + 1] === QUOTE) {
            w.byte(QUOTE);
            i = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) return -1; // the next chunk may start with the second quote of ""
          i = q + 1;
          break;
        }
        // Anything between the closing quote and the separator is kept, as Excel does.
        while (i < n && b[i] !== sep && b[i] !== LF) {
          if (b[i] !== CR) w.byte(b[i]);
          i++;
        }
      } else {
        let j = i;
        while (j < n && b[j] !== sep && b[j] !== LF) j++;
        w.copy(b, i, j > i && b[j - 1] === CR ? j - 1 : j);
        i = j;
      }
      if (i >= n && !final) return -1;
      if (k >= r.starts.length) grow(r);
      r.starts[k] = fieldStart;
      r.ends[k++] = w.pos;
      if (i < n && b[i] === sep) {
        i++;
        continue;
      }
      r.buf = w.buf;
      r.n = k;
      r.line = this.line;
      this.sink(r);
      this.line += newlines + 1;
      return i + 1;
    }
  }
}

function countLf(b: Buffer, from: number, to: number): number {
  let k = 0;
  for (let p = b.indexOf(LF, from); p >= 0 && p < to; p = b.indexOf(LF, p + 1)) k++;
  return k;
}

/** Turns a row of strings (from a spreadsheet) into a record, so one validator serves both formats. */
export class StringRecords {
  private readonly w = new ByteWriter();
  private readonly rec = makeRecord(Buffer.alloc(0));

  record(fields: string[], line: number): CsvRecord {
    const { w, rec } = this;
    w.pos = 0;
    while (rec.starts.length < fields.length) grow(rec);
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      w.ensure(f.length * 3);
      rec.starts[i] = w.pos;
      w.pos += w.buf.write(f, w.pos, 'utf8');
      rec.ends[i] = w.pos;
    }
    rec.buf = w.buf;
    rec.n = fields.length;
    rec.line = line;
    return rec;
  }
}

// A streaming RFC 4180 reader for what Danish Excel writes (semicolon, CRLF, optional BOM, windows-1252)
// and for plain comma-separated UTF-8. Lines without quotes take a fast path (indexOf + split).
import iconv from 'iconv-lite';

export type Encoding = 'utf-8' | 'windows-1252';

/** Called once per record with its fields and the file line it starts on (1-based). */
export type RecordSink = (fields: string[], line: number) => void;

/** Text decoder for a whole file, fed chunk by chunk; strips a UTF-8 BOM. */
export function makeDecoder(encoding: Encoding): { write(b: Buffer): string; end(): string } {
  if (encoding === 'utf-8') {
    const d = new TextDecoder('utf-8'); // strips the BOM by default
    return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
  }
  const d = iconv.getDecoder('win1252');
  return { write: (b) => d.write(b), end: () => d.end() ?? '' };
}

const candidates = [';', ',', '\t'] as const;

/** The separator is the candidate that occurs most often outside quotes in the header line. */
export function detectSeparator(headerLine: string): string {
  const counts = [0, 0, 0];
  let quoted = false;
  for (let i = 0; i < headerLine.length; i++) {
    const ch = headerLine[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted) {
      const k = candidates.indexOf(ch as (typeof candidates)[number]);
      if (k >= 0) counts[k]++;
    }
  }
  let best = 0;
  for (let k = 1; k < counts.length; k++) if (counts[k] > counts[best]) best = k;
  return counts[best] > 0 ? candidates[best] : ',';
}

export class CsvParser {
  /** Separator, known once the header line has been seen. */
  sep: string | null = null;
  private carry = '';
  private line = 1;

  constructor(
    private readonly onRecord: RecordSink,
    private readonly onError: (line: number, message: string) => void,
  ) {}

  push(text: string): void {
    const s = this.carry.length > 0 ? this.carry + text : text;
    this.carry = '';
    this.carry = s.slice(this.parse(s, false));
  }

  end(): void {
    const s = this.carry;
    this.carry = '';
    if (s.length > 0) this.parse(s, true);
  }

  /** Parses whole records from s; returns where the unfinished rest starts. */
  private parse(s: string, final: boolean): number {
    const n = s.length;
    if (this.sep === null) {
      let nl = s.indexOf('\n');
      if (nl < 0) {
        if (!final) return 0;
        nl = n;
      }
      this.sep = detectSeparator(s.slice(0, nl));
    }
    const sep = this.sep;
    let pos = 0;
    let nextQuote = s.indexOf('"');
    if (nextQuote < 0) nextQuote = n;
    while (pos < n) {
      let nl = s.indexOf('\n', pos);
      if (nl < 0) {
        if (!final) break;
        nl = n;
      }
      if (nextQuote < pos) {
        nextQuote = s.indexOf('"', pos);
        if (nextQuote < 0) nextQuote = n;
      }
      if (nextQuote >= nl) {
        const end = nl > pos && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        this.onRecord(s.slice(pos, end).split(sep), this.line);
        this.line++;
        pos = nl + 1;
      } else {
        const next = this.quotedRecord(s, pos, sep, final);
        if (next < 0) break;
        pos = next;
      }
    }
    return Math.min(pos, n);
  }

  /** The slow path: one record with quotes, char by char. Returns -1 when the record is not complete yet. */
  private quotedRecord(s: string, start: number, sep: string, final: boolean): number {
    const n = s.length;
    const fields: string[] = [];
    let field = '';
    let i = start;
    let newlines = 0;
    for (;;) {
      if (i < n && s[i] === '"') {
        // Quoted field: "" is a quote; ends at a lone quote.
        i++;
        for (;;) {
          const q = s.indexOf('"', i);
          if (q < 0) {
            if (!final) return -1;
            this.onError(this.line, 'Et felt i anførselstegn er ikke afsluttet (mangler det afsluttende ").');
            field += s.slice(i);
            newlines += countNewlines(s, i, n);
            i = n;
            break;
          }
          field += s.slice(i, q);
          newlines += countNewlines(s, i, q);
          if (q + 1 < n && s[q + 1] === '"') {
            field += '"';
            i = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) return -1; // the next chunk may start with the second quote of ""
          i = q + 1;
          break;
        }
        // Anything between the closing quote and the separator is kept, as Excel does.
        while (i < n && s[i] !== sep && s[i] !== '\n') {
          if (s[i] !== '\r') field += s[i];
          i++;
        }
      } else {
        let j = i;
        while (j < n && s[j] !== sep && s[j] !== '\n') j++;
        field += s.slice(i, j > i && s[j - 1] === '\r' && (j === n || s[j] === '\n') ? j - 1 : j);
        i = j;
      }
      if (i >= n && !final) return -1;
      fields.push(field);
      field = '';
      if (i < n && s[i] === sep) {
        i++;
        continue;
      }
      // End of record: newline or end of input.
      this.onRecord(fields, this.line);
      this.line += newlines + 1;
      return i + 1;
    }
  }
}

function countNewlines(s: string, from: number, to: number): number {
  let k = 0;
  for (let p = s.indexOf('\n', from); p >= 0 && p < to; p = s.indexOf('\n', p + 1)) k++;
  return k;
}

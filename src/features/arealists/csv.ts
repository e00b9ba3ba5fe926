// CSV helpers shared by the area-list inputs (the area-indicator format in cli.ts, the person-level format in
// persons.ts, the published lists in published.ts): decoding, separator, RFC 4180 records with the line each
// starts on, and numbers in the file's decimal convention.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise windows-1252 (Danish Excel). */
export function decodeText(buf: Buffer): string {
  const text = isUtf8(buf) ? buf.toString('utf8') : iconv.decode(buf, 'win1252');
  return text.replace(/^\uFEFF/, '');
}

/** The separator of a header line: semicolon when it has more semicolons than commas, else comma. */
export function detectSep(firstLine: string): ',' | ';' {
  return (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** A whole CSV file as records: decoded, separator from its first line. */
export function readCsvRecords(buf: Buffer) {
  const text = decodeText(buf);
  return splitCsv(text, detectSep(text.slice(0, text.search(/\r?\n|$/))));
}

/** Splits CSV text into records of fields (RFC 4180 quotes), each with the line it starts on. */
export function splitCsv(text: string, sep: string): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      any = true;
    } else if (ch === sep) {
      fields.push(field);
      field = '';
      any = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (any || field.trim() !== '') out.push({ fields, line: start });
      fields = [];
      field = '';
      any = false;
      line++;
      start = line;
    } else {
      field += ch;
      any = true;
    }
  }
  fields.push(field);
  if (any || field.trim() !== '') out.push({ fields, line: start });
  return out;
}

/** A number in the file's convention; decimal comma allows '.' only as a thousands separator (1.234,5). */
export function parseNumber(raw: string, decimalComma: boolean): number | null {
  let s = raw.trim().replace(/\s+/g, '');
  if (s === '') return null;
  if (decimalComma) {
    if (s.includes('.')) {
      if (!/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) return null;
      s = s.replace(/\./g, '');
    }
    s = s.replace(',', '.');
  }
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  return Number(s);
}


// Cell values from Danish and international files: numbers with decimal comma or point and optional
// thousands separators, zero-padded codes, enums. A checker reads a cell's UTF-8 bytes and writes the
// canonical text COPY reads, or returns an Invalid with a Danish message. It runs once per cell, so the
// success path allocates nothing.
import type { ColumnSpec } from './formats.ts';
import type { ByteWriter } from './csv.ts';

export class Invalid {
  constructor(readonly message: string) {}
}

/**
 * Checks bytes b[s, e) (trimmed) and writes the canonical value to w. Returns undefined when written,
 * null for an empty cell (nothing written; whether that is allowed is the caller's business) or Invalid.
 */
export type Checker = (b: Uint8Array, s: number, e: number, w: ByteWriter) => Invalid | null | undefined;

/**
 * Number convention of a file. 'comma': Danish (1.234,5; a single dot followed by exactly three digits is a
 * thousands separator). 'point': international (1234.5; a lone comma is still read as a decimal comma).
 */
export type DecimalConvention = 'comma' | 'point';

const enum B {
  zero = 48,
  nine = 57,
  dot = 46,
  comma = 44,
  minus = 45,
  plus = 43,
  space = 32,
  percent = 37,
  backslash = 92,
  tab = 9,
  lf = 10,
  cr = 13,
}

/** The value of the last successful number or code; a module slot so the hot path allocates nothing. */
export let lastNumber = 0;
/** Digits after the decimal mark of the last number, trailing zeros ignored. */
export let lastScale = 0;

const isDigit = (c: number) => c >= B.zero && c <= B.nine;
/** Space or the UTF-8 no-break space (C2 A0), which some programs use between thousands. */
const spaceAt = (b: Uint8Array, i: number, e: number) => (b[i] === B.space ? 1 : b[i] === 0xc2 && i + 1 < e && b[i + 1] === 0xa0 ? 2 : 0);

/** Trims spaces, tabs and no-break spaces from the start; returns the new start. */
export function trimStart(b: Uint8Array, s: number, e: number): number {
  while (s < e) {
    const c = b[s];
    if (c === B.space || c === B.tab) s++;
    else if (c === 0xc2 && s + 1 < e && b[s + 1] === 0xa0) s += 2;
    else break;
  }
  return s;
}
/** Trims from the end; returns the new end. */
export function trimEnd(b: Uint8Array, s: number, e: number): number {
  while (e > s) {
    const c = b[e - 1];
    if (c === B.space || c === B.tab) e--;
    else if (c === 0xa0 && e - 2 >= s && b[e - 2] === 0xc2) e -= 2;
    else break;
  }
  return e;
}

/**
 * Parses a number written the Danish or the international way from b[s, e); writes the canonical text
 * ("-1234.5", no leading zeros, no trailing decimal zeros) to w and sets lastNumber and lastScale.
 * Returns false (writing nothing) when the text is not a number.
 */
export function parseNumberAt(b: Uint8Array, s: number, e: number, conv: DecimalConvention, w: ByteWriter): boolean {
  let i = s;
  let neg = false;
  if (i < e && b[i] === B.minus) {
    neg = true;
    i++;
  } else if (i < e && b[i] === B.plus) i++;
  else if (i + 2 < e && b[i] === 0xe2 && b[i + 1] === 0x88 && b[i + 2] === 0x92) {
    neg = true; // U+2212 minus sign
    i += 3;
  }
  let dots = 0;
  let commas = 0;
  let lastDot = -1;
  let lastComma = -1;
  let digits = 0;
  for (let j = i; j < e; j++) {
    const c = b[j];
    if (isDigit(c)) digits++;
    else if (c === B.dot) {
      dots++;
      lastDot = j;
    } else if (c === B.comma) {
      commas++;
      lastComma = j;
    } else {
      const sp = spaceAt(b, j, e);
      if (sp === 0) return false;
      j += sp - 1;
    }
  }
  if (digits === 0) return false;

  let decimalAt = -1;
  let thousands = 0;
  if (dots > 0 && commas > 0) {
    decimalAt = Math.max(lastDot, lastComma);
    thousands = decimalAt === lastDot ? B.comma : B.dot;
    if ((thousands === B.dot ? commas : dots) > 1) return false;
  } else if (commas > 0) {
    if (commas === 1) decimalAt = lastComma;
    else thousands = B.comma;
  } else if (dots > 0) {
    if (dots > 1) thousands = B.dot;
    else if (conv === 'comma' && e - lastDot - 1 === 3 && lastDot > i) thousands = B.dot;
    else decimalAt = lastDot;
  }

  const start = w.pos;
  const intEnd = decimalAt >= 0 ? decimalAt : e;
  w.ensure(e - s + 3);
  if (neg) w.buf[w.pos++] = B.minus;
  // Integer part: groups of three after the first when there is a thousands separator.
  let value = 0;
  let group = 0;
  let groups = 0;
  let significant = false;
  for (let j = i; j < intEnd; j++) {
    const c = b[j];
    if (isDigit(c)) {
      group++;
      value = value * 10 + (c - B.zero);
      if (c !== B.zero || significant) {
        significant = true;
        w.buf[w.pos++] = c;
      }
    } else if (c === thousands) {
      if (group === 0 || (groups === 0 ? group > 3 : group !== 3)) return reject(w, start);
      groups++;
      group = 0;
    } else if (c === B.dot || c === B.comma) return reject(w, start);
    // spaces: skipped
  }
  if (groups > 0 && group !== 3) return reject(w, start);
  if (!significant) w.buf[w.pos++] = B.zero;

  lastScale = 0;
  if (decimalAt >= 0) {
    let frac = 0;
    let scale = 1;
    let lastNonZero = -1;
    let count = 0;
    for (let j = decimalAt + 1; j < e; j++) {
      const c = b[j];
      if (!isDigit(c)) {
        if (spaceAt(b, j, e)) continue;
        return reject(w, start);
      }
      count++;
      frac = frac * 10 + (c - B.zero);
      scale *= 10;
      if (c !== B.zero) lastNonZero = j;
    }
    if (count === 0) return reject(w, start);
    if (lastNonZero >= 0) {
      w.buf[w.pos++] = B.dot;
      for (let j = decimalAt + 1; j <= lastNonZero; j++) {
        if (isDigit(b[j])) {
          w.buf[w.pos++] = b[j];
          lastScale++;
        }
      }
      value += frac / scale;
    }
  }
  lastNumber = neg ? -value : value;
  return true;
}

function reject(w: ByteWriter, start: number): false {
  w.pos = start;
  return false;
}

/** Takes back what a checker wrote and returns its error. */
function fail(w: ByteWriter, start: number, err: Invalid): Invalid {
  w.pos = start;
  return err;
}

/** Danish number text; four-digit numbers (years) without a thousands dot. */
export function danishNumber(n: number): string {
  return n.toLocaleString('da-DK', { maximumFractionDigits: 2, useGrouping: Math.abs(n) >= 10000 });
}
const fmt = danishNumber;

// The database's own limits, so a value that passes here never makes COPY fail.
const INT_MAX = 2147483647;
const NUMERIC_MAX = 1e9;

function rangeMessage(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `Skal være mellem ${fmt(min)} og ${fmt(max)}.`;
  if (min !== undefined) return `Skal være mindst ${fmt(min)}.`;
  return `Må højst være ${fmt(max!)}.`;
}

/**
 * Writes text for COPY's text format, where backslash, tab and line breaks must be escaped. Returns false
 * (writing nothing) for a NUL, which no text column can hold.
 */
export function writeCopyText(b: Uint8Array, s: number, e: number, w: ByteWriter): boolean {
  let plain = true;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c === 0) return false;
    if (c === B.backslash || c === B.tab || c === B.lf || c === B.cr) plain = false;
  }
  if (plain) {
    w.copy(b, s, e);
    return true;
  }
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c === B.backslash || c === B.tab || c === B.lf || c === B.cr) {
      w.byte(B.backslash);
      w.byte(c === B.backslash ? B.backslash : c === B.tab ? 116 : c === B.lf ? 110 : 114); // \\ \t \n \r
    } else w.byte(c);
  }
  return true;
}

export function copyEscape(s: string): string {
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** Characters in UTF-8 bytes (continuation bytes do not start one). */
function charCount(b: Uint8Array, s: number, e: number): number {
  let n = 0;
  for (let i = s; i < e; i++) if ((b[i] & 0xc0) !== 0x80) n++;
  return n;
}

/** Up to width digits, zero-padded; sets lastNumber. */
function paddedDigits(b: Uint8Array, s: number, e: number, width: number, w: ByteWriter): boolean {
  const n = e - s;
  if (n === 0 || n > width) return false;
  let v = 0;
  for (let i = s; i < e; i++) {
    if (!isDigit(b[i])) return false;
    v = v * 10 + (b[i] - B.zero);
  }
  w.ensure(width);
  for (let k = n; k < width; k++) w.buf[w.pos++] = B.zero;
  w.copy(b, s, e);
  lastNumber = v;
  return true;
}

const ascii = (s: string) => Buffer.from(s, 'utf8');

/**
 * Builds the checker of one column. kommuner: the codes that exist, as numbers (0163 -> 163); conv: the
 * file's number convention.
 */
export function columnChecker(col: ColumnSpec, conv: DecimalConvention, kommuner: ReadonlySet<number>): Checker {
  const t = col.type;
  switch (t.t) {
    case 'text': {
      const max = t.max ?? Infinity;
      const tooLong = new Invalid(`Teksten er for lang (højst ${max} tegn).`);
      const nul = new Invalid('Teksten indeholder et ugyldigt tegn (NUL).');
      return (b, s, e, w) => {
        if (s === e) return null;
        if (e - s > max && charCount(b, s, e) > max) return tooLong;
        if (!writeCopyText(b, s, e, w)) return nul;
      };
    }
    case 'int': {
      const min = t.min ?? -INT_MAX;
      const max = t.max ?? INT_MAX;
      const notInt = new Invalid('Skal være et heltal.');
      const range = new Invalid(rangeMessage(t.min, t.max ?? (t.min === undefined ? INT_MAX : undefined)));
      const tooBig = new Invalid(`Må højst være ${fmt(INT_MAX)}.`);
      return (b, s, e, w) => {
        if (s === e) return null;
        const start = w.pos;
        if (!parseNumberAt(b, s, e, conv, w)) return notInt;
        if (lastScale > 0) return fail(w, start, notInt);
        if (lastNumber < min || lastNumber > max) return fail(w, start, lastNumber > INT_MAX ? tooBig : range);
      };
    }
    case 'decimal': {
      const min = t.min ?? -NUMERIC_MAX;
      const max = t.max ?? NUMERIC_MAX;
      const scale = t.scale ?? 2;
      const notNumber = new Invalid(`Skal være et tal, fx ${scale > 0 ? '1234,5' : '1234'}.`);
      const range = new Invalid(rangeMessage(t.min, t.max ?? NUMERIC_MAX));
      const tooPrecise = new Invalid(scale === 1 ? 'Højst 1 decimal.' : `Højst ${scale} decimaler.`);
      return (b, s, e, w) => {
        if (s === e) return null;
        if (b[e - 1] === B.percent) e = trimEnd(b, s, e - 1);
        const start = w.pos;
        if (!parseNumberAt(b, s, e, conv, w)) return notNumber;
        if (lastNumber < min || lastNumber > max) return fail(w, start, range);
        if (lastScale > scale) return fail(w, start, tooPrecise);
      };
    }
    case 'enum': {
      const values = t.values.map((v) => ({ text: v, lower: ascii(v.toLowerCase()), out: ascii(v) }));
      const byLower = new Map(t.values.map((v) => [v.toLowerCase(), v]));
      const bad = new Invalid(`Ugyldig værdi. Tilladt: ${t.values.join(', ')}.`);
      return (b, s, e, w) => {
        if (s === e) return null;
        const n = e - s;
        outer: for (const v of values) {
          if (v.lower.length !== n) continue;
          for (let j = 0; j < n; j++) {
            const c = b[s + j];
            if ((c >= 65 && c <= 90 ? c | 32 : c) !== v.lower[j]) continue outer;
          }
          return void w.bytes(v.out);
        }
        // Letters beyond ASCII (Æ, Ø, Å) lower-case only as text.
        const found = byLower.get(Buffer.from(b.buffer, b.byteOffset + s, n).toString('utf8').toLowerCase());
        if (found === undefined) return bad;
        w.bytes(ascii(found));
      };
    }
    case 'kommunekode':
      return (b, s, e, w) => {
        if (s === e) return null;
        const start = w.pos;
        if (!paddedDigits(b, s, e, 4, w)) return new Invalid('Kommunekoden skal være 4 cifre.');
        if (kommuner.has(lastNumber)) return;
        return fail(w, start, new Invalid(`Kommunekoden ${String(lastNumber).padStart(4, '0')} findes ikke.`));
      };
    case 'postnummer': {
      const bad = new Invalid('Postnummeret skal være 4 cifre.');
      return (b, s, e, w) => {
        if (s === e) return null;
        if (e - s < 3 || !paddedDigits(b, s, e, 4, w)) return bad;
      };
    }
    case 'cvr': {
      const bad = new Invalid('CVR-nummeret skal være 8 cifre.');
      return (b, s, e, w) => {
        if (s === e) return null;
        const start = w.pos;
        let n = 0;
        for (let i = s; i < e; i++) {
          if (isDigit(b[i])) {
            w.byte(b[i]);
            n++;
          } else if (b[i] !== B.space) return fail(w, start, bad);
        }
        if (n !== 8) return fail(w, start, bad);
      };
    }
  }
}

/** A value shown back to the user in an error report, kept short. */
export function shownValue(raw: string): string {
  return raw.length > 200 ? raw.slice(0, 200) + '…' : raw;
}

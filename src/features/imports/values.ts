// Cell values from Danish and international files: numbers with decimal comma or point and optional
// thousands separators, zero-padded codes, enums. Each checker turns a raw cell into the canonical text that
// COPY reads, or an Invalid with a Danish message. Runs once per cell, so it avoids allocating on success.
import type { ColumnSpec } from './formats.ts';

export class Invalid {
  constructor(readonly message: string) {}
}

/** canonical text for COPY, null for an empty cell, or Invalid. */
export type Checked = string | null | Invalid;
export type Checker = (raw: string) => Checked;

/**
 * Number convention of a file. 'comma': Danish (1.234,5; a single dot followed by exactly three digits is a
 * thousands separator). 'point': international (1234.5; a lone comma is still read as a decimal comma).
 */
export type DecimalConvention = 'comma' | 'point';

const enum C {
  zero = 48,
  nine = 57,
  minus = 45,
  plus = 43,
}

/** The value of the last successful parseNumber; a module slot so the hot path allocates nothing. */
export let lastNumber = 0;
/** Digits after the decimal mark, trailing zeros ignored. */
export let lastScale = 0;

function allDigits(s: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < C.zero || c > C.nine) return false;
  }
  return true;
}

/** Integer digits with optional thousands groups: 1234 or 1.234 (sep '.') or 1,234 (sep ','). */
function intPart(s: string, from: number, to: number, sep: string): string | null {
  const firstSep = sep ? s.indexOf(sep, from) : -1;
  if (firstSep < 0 || firstSep >= to) return allDigits(s, from, to) ? s.slice(from, to) : null;
  let out = '';
  let group = from;
  let first = true;
  for (let i = from; i <= to; i++) {
    if (i === to || s[i] === sep) {
      const len = i - group;
      if (!allDigits(s, group, i) || (first ? len > 3 : len !== 3)) return null;
      out += s.slice(group, i);
      group = i + 1;
      first = false;
    }
  }
  return out;
}

/**
 * Parses a number written the Danish or the international way; returns canonical text ("-1234.5") and sets
 * lastNumber/lastScale, or returns null when the text is not a number.
 */
export function parseNumber(raw: string, conv: DecimalConvention): string | null {
  let s = raw;
  if (s.indexOf(' ') >= 0 || s.indexOf('\u00a0') >= 0) s = s.replace(/[ \u00a0]/g, '');
  const n = s.length;
  if (n === 0) return null;
  let start = 0;
  let neg = false;
  const c0 = s.charCodeAt(0);
  if (c0 === C.minus || c0 === 0x2212) {
    neg = true;
    start = 1;
  } else if (c0 === C.plus) start = 1;

  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let decimalAt = -1; // index of the decimal mark
  let thousands = ''; // the thousands separator, if any
  if (lastDot >= start && lastComma >= start) {
    decimalAt = Math.max(lastDot, lastComma);
    thousands = decimalAt === lastDot ? ',' : '.';
  } else if (lastComma >= start) {
    if (s.indexOf(',', start) === lastComma) decimalAt = lastComma;
    else thousands = ',';
  } else if (lastDot >= start) {
    if (s.indexOf('.', start) !== lastDot) thousands = '.';
    else if (conv === 'comma' && n - lastDot - 1 === 3 && lastDot > start) thousands = '.';
    else decimalAt = lastDot;
  }

  const intEnd = decimalAt >= 0 ? decimalAt : n;
  let int: string | null;
  if (intEnd === start) int = decimalAt >= 0 ? '0' : null;
  else int = intPart(s, start, intEnd, thousands);
  if (int === null) return null;
  let out = neg ? '-' + int : int;
  lastScale = 0;
  if (decimalAt >= 0) {
    if (!allDigits(s, decimalAt + 1, n)) return null;
    let end = n;
    while (end > decimalAt + 1 && s.charCodeAt(end - 1) === C.zero) end--;
    lastScale = end - decimalAt - 1;
    if (lastScale > 0) out += '.' + s.slice(decimalAt + 1, end);
  }
  lastNumber = +out;
  return out;
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

/** COPY text format: backslash, tab and line breaks must be escaped. */
const copySpecial = /[\\\t\n\r]/;
export function copyEscape(s: string): string {
  if (!copySpecial.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

function padCode(raw: string, width: number, what: string): Checked {
  if (raw.length > width || !allDigits(raw, 0, raw.length)) return new Invalid(`${what} skal være ${width} cifre.`);
  return raw.length === width ? raw : raw.padStart(width, '0');
}

/**
 * Builds the checker of one column. Empty cells give null; whether that is allowed is the caller's
 * business (required columns). kommuner: the codes that exist; conv: the file's number convention.
 */
export function columnChecker(col: ColumnSpec, conv: DecimalConvention, kommuner: ReadonlySet<string>): Checker {
  const t = col.type;
  switch (t.t) {
    case 'text': {
      const max = t.max;
      const tooLong = max ? new Invalid(`Teksten er for lang (højst ${max} tegn).`) : null;
      return (raw) => {
        if (raw.length === 0) return null;
        if (max && raw.length > max) return tooLong;
        return copyEscape(raw);
      };
    }
    case 'int': {
      const min = t.min ?? -INT_MAX;
      const max = t.max ?? INT_MAX;
      const notInt = new Invalid('Skal være et heltal.');
      const range = new Invalid(rangeMessage(t.min, t.max ?? (t.min === undefined ? INT_MAX : undefined)));
      const tooBig = new Invalid(`Må højst være ${fmt(INT_MAX)}.`);
      return (raw) => {
        if (raw.length === 0) return null;
        const v = parseNumber(raw, conv);
        if (v === null || lastScale > 0) return notInt;
        if (lastNumber < min || lastNumber > max) return lastNumber > INT_MAX ? tooBig : range;
        // Canonical: no leading zeros, so 007 and 7 are the same key.
        const c = v.charCodeAt(0);
        return v.length > 1 && (c === 48 || c === C.minus) ? String(lastNumber) : v;
      };
    }
    case 'decimal': {
      const min = t.min ?? -NUMERIC_MAX;
      const max = t.max ?? NUMERIC_MAX;
      const scale = t.scale ?? 2;
      const notNumber = new Invalid(`Skal være et tal, fx ${scale > 0 ? '1234,5' : '1234'}.`);
      const range = new Invalid(rangeMessage(t.min, t.max ?? NUMERIC_MAX));
      const tooPrecise = new Invalid(scale === 1 ? 'Højst 1 decimal.' : `Højst ${scale} decimaler.`);
      return (raw) => {
        if (raw.length === 0) return null;
        let s = raw;
        if (s.charCodeAt(s.length - 1) === 37 /* % */) s = s.slice(0, -1).trimEnd();
        const v = parseNumber(s, conv);
        if (v === null) return notNumber;
        if (lastNumber < min || lastNumber > max) return range;
        if (lastScale > scale) return tooPrecise;
        return v;
      };
    }
    case 'enum': {
      const byLower = new Map(t.values.map((v) => [v.toLowerCase(), v]));
      const bad = new Invalid(`Ugyldig værdi. Tilladt: ${t.values.join(', ')}.`);
      return (raw) => {
        if (raw.length === 0) return null;
        return byLower.get(raw) ?? byLower.get(raw.toLowerCase()) ?? bad;
      };
    }
    case 'kommunekode':
      return (raw) => {
        if (raw.length === 0) return null;
        const code = padCode(raw, 4, 'Kommunekoden');
        if (code instanceof Invalid || code === null) return code;
        return kommuner.has(code) ? code : new Invalid(`Kommunekoden ${code} findes ikke.`);
      };
    case 'postnummer':
      return (raw) => {
        if (raw.length === 0) return null;
        if (raw.length < 3) return new Invalid('Postnummeret skal være 4 cifre.');
        return padCode(raw, 4, 'Postnummeret');
      };
    case 'cvr': {
      const bad = new Invalid('CVR-nummeret skal være 8 cifre.');
      return (raw) => {
        if (raw.length === 0) return null;
        const s = raw.indexOf(' ') >= 0 ? raw.replace(/ /g, '') : raw;
        return s.length === 8 && allDigits(s, 0, 8) ? s : bad;
      };
    }
  }
}

/** A value shown back to the user in an error report, kept short. */
export function shownValue(raw: string): string {
  return raw.length > 200 ? raw.slice(0, 200) + '…' : raw;
}

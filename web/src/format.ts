// The one place numbers, amounts, percentages and dates are written the Danish way.

const nf = new Map<number, Intl.NumberFormat>();
function numberFormat(decimals: number, minDecimals = 0): Intl.NumberFormat {
  const key = decimals * 10 + minDecimals;
  let f = nf.get(key);
  if (!f) {
    f = new Intl.NumberFormat('da-DK', { maximumFractionDigits: decimals, minimumFractionDigits: minDecimals });
    nf.set(key, f);
  }
  return f;
}

const NBSP = '\u00a0';
/** What a suppressed (diskretioneret) value is shown as. */
export const SUPPRESSED_MARK = '–';
export const SUPPRESSED_TEXT = 'Diskretioneret: for få til at vise';
export const MISSING_TEXT = 'ikke oplyst';

type Num = number | null | undefined;

/** 1.234,5 — up to `decimals` decimals (default 1), none for whole numbers. */
export function fmtNumber(n: Num, decimals = 1): string {
  if (n == null || !Number.isFinite(n)) return '';
  return numberFormat(decimals).format(n);
}

/** Whole number with thousands separators: 7.308 */
export function fmtInt(n: Num): string {
  return fmtNumber(n, 0);
}

/** A value already in percent: 40,7 % (one decimal, always shown). */
export function fmtPct(n: Num, decimals = 1): string {
  if (n == null || !Number.isFinite(n)) return '';
  return numberFormat(decimals, decimals).format(n) + NBSP + '%';
}

/** Kroner: 3.500 kr. */
export function fmtKr(n: Num, decimals = 0): string {
  if (n == null || !Number.isFinite(n)) return '';
  return numberFormat(decimals).format(n) + NBSP + 'kr.';
}

/** Kroner per m²: 1.012 kr. pr. m² */
export function fmtKrPrM2(n: Num): string {
  const s = fmtKr(n);
  return s && s + ' pr.' + NBSP + 'm²';
}

/** Millions of kroner: 601 mio. kr. (one decimal below 10 mio.) */
export function fmtMioKr(n: Num): string {
  if (n == null || !Number.isFinite(n)) return '';
  const mio = n / 1_000_000;
  return numberFormat(Math.abs(mio) < 10 ? 1 : 0).format(mio) + NBSP + 'mio.' + NBSP + 'kr.';
}

/** m²: 9.120,5 m² */
export function fmtM2(n: Num): string {
  if (n == null || !Number.isFinite(n)) return '';
  return numberFormat(1).format(n) + NBSP + 'm²';
}

const dateFmt = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const danishDayFmt = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Copenhagen' });
const dateTimeFmt = new Intl.DateTimeFormat('da-DK', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Copenhagen',
});

/** ISO date (2024-12-01) -> 1. december 2024; a timestamp (2024-12-01T23:30:00.000Z) -> its day in Danish time. */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = iso.length === 10;
  const d = new Date(date ? iso + 'T00:00:00Z' : iso);
  return Number.isNaN(d.getTime()) ? iso : (date ? dateFmt : danishDayFmt).format(d);
}

const dateTimeSecondsFmt = new Intl.DateTimeFormat('da-DK', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'Europe/Copenhagen',
});

/** Timestamp -> 1. december 2024 kl. 14.05 (Danish time); with seconds: 1. december 2024 kl. 14.05.09. */
export function fmtDateTime(iso: string | null | undefined, opts: { seconds?: boolean } = {}): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : (opts.seconds ? dateTimeSecondsFmt : dateTimeFmt).format(d);
}

/** File size: 1,2 MB */
export function fmtBytes(n: number): string {
  if (n < 1024) return `${fmtInt(n)} B`;
  if (n < 1024 * 1024) return `${fmtNumber(n / 1024)} kB`;
  return `${fmtNumber(n / 1024 / 1024)} MB`;
}

/** Danish plural helper: plural(1, 'afdeling', 'afdelinger') */
export function plural(n: number, one: string, many: string): string {
  return `${fmtInt(n)} ${n === 1 ? one : many}`;
}

/** A Danish enumeration: "a", "a og b", "a, b og c" (or "eller"). */
export function listText(items: string[], last: 'og' | 'eller' = 'og'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

/** The value kinds tables and fact lists know how to write. */
/** 'year' and 'code' are numbers written without separators (2024, LBF-nr. 1234). */
/** 'timestamp' is a point in time shown to the second (the audit log). */
export type ValueKind = 'text' | 'int' | 'number' | 'pct' | 'kr' | 'krm2' | 'mio' | 'm2' | 'date' | 'timestamp' | 'year' | 'code';

export function fmtValue(v: unknown, kind: ValueKind): string {
  if (v == null || v === '') return '';
  switch (kind) {
    case 'int':
      return fmtInt(Number(v));
    case 'number':
      return fmtNumber(Number(v));
    case 'pct':
      return fmtPct(Number(v));
    case 'kr':
      return fmtKr(Number(v));
    case 'krm2':
      return fmtKrPrM2(Number(v));
    case 'mio':
      return fmtMioKr(Number(v));
    case 'm2':
      return fmtM2(Number(v));
    case 'date':
      return fmtDate(String(v));
    case 'timestamp':
      return fmtDateTime(String(v), { seconds: true });
    case 'year':
    case 'code':
      return String(v);
    default:
      return String(v);
  }
}

export const isNumericKind = (k: ValueKind) => k !== 'text' && k !== 'date' && k !== 'timestamp';

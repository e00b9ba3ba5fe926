import { describe, expect, it } from 'vitest';
import { fmtDate, fmtDateTime, fmtInt, fmtKr, fmtKrPrM2, fmtMioKr, fmtNumber, fmtPct, fmtValue, listText } from './format.ts';

const nbsp = (s: string) => s.replace(/\u00a0/g, ' ');

describe('Danish formats', () => {
  it('writes numbers with a thousands dot and a decimal comma', () => {
    expect(fmtNumber(1234.5)).toBe('1.234,5');
    expect(fmtInt(7308)).toBe('7.308');
    expect(fmtInt(95)).toBe('95');
    expect(fmtNumber(null)).toBe('');
  });
  it('writes percentages, kroner and millions as the fact sheets do', () => {
    expect(nbsp(fmtPct(40.7))).toBe('40,7 %');
    expect(nbsp(fmtPct(54))).toBe('54,0 %');
    expect(nbsp(fmtKr(3500))).toBe('3.500 kr.');
    expect(nbsp(fmtKrPrM2(1012.5))).toBe('1.013 kr. pr. m²');
    expect(nbsp(fmtMioKr(601_234_000))).toBe('601 mio. kr.');
    expect(nbsp(fmtMioKr(7_450_000))).toBe('7,5 mio. kr.');
  });
  it('writes dates in Danish, whatever the time zone', () => {
    expect(fmtDate('2024-12-01')).toBe('1. december 2024');
    expect(fmtDate('2024-01-01')).toBe('1. januar 2024');
    // A timestamp's day is the Danish day: 23.30 UTC on New Year's Eve is 1 January in Denmark.
    expect(fmtDate('2024-12-31T23:30:00.000Z')).toBe('1. januar 2025');
    expect(fmtDate('2024-07-01T21:59:59.999Z')).toBe('1. juli 2024');
    expect(fmtDateTime('2024-12-01T13:05:00Z')).toBe('1. december 2024 kl. 14.05');
    expect(fmtValue('2024-07-01T08:05:09.123Z', 'timestamp')).toBe('1. juli 2024 kl. 10.05.09');
  });
  it('leaves codes and years without separators', () => {
    expect(fmtValue(2024, 'year')).toBe('2024');
    expect(fmtValue(12345, 'code')).toBe('12345');
    expect(fmtValue(12345, 'int')).toBe('12.345');
  });
  it('joins lists the Danish way', () => {
    expect(listText([])).toBe('');
    expect(listText(['a'])).toBe('a');
    expect(listText(['a', 'b', 'c'])).toBe('a, b og c');
    expect(listText(['a', 'b'], 'eller')).toBe('a eller b');
  });
});

import { describe, it, expect } from 'vitest';
import { maskCpr, normaliseCpr } from './personal.ts';

describe('CPR numbers', () => {
  it('normalises with or without the dash and spaces', () => {
    expect(normaliseCpr('0101901234')).toBe('010190-1234');
    expect(normaliseCpr(' 010190-1234 ')).toBe('010190-1234');
  });
  it('rejects impossible dates and wrong lengths with a Danish message', () => {
    for (const bad of ['3213901234', '0000901234', '3201901234', '010190123', '01019012345', 'abcdefghij']) {
      expect(() => normaliseCpr(bad), bad).toThrow(/DDMMÅÅ-XXXX/);
    }
    expect(normaliseCpr('3112991234')).toBe('311299-1234');
  });
  it('shows only the birth date part', () => {
    expect(maskCpr('010190-1234')).toBe('010190-****');
    expect(maskCpr(null)).toBeNull();
  });
});

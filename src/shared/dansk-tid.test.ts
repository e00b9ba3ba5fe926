import { describe, expect, it } from 'vitest';
import { danishToday } from './dansk-tid.ts';

describe('danishToday', () => {
  it('is the Danish calendar day on both sides of Danish midnight, winter (UTC+1) and summer (UTC+2)', () => {
    expect(danishToday(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
    expect(danishToday(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
    expect(danishToday(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
    expect(danishToday(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });
  it('is the same day whatever the process time zone says (the day of a UTC instant at noon)', () => {
    expect(danishToday(new Date('2026-03-29T12:00:00Z'))).toBe('2026-03-29');
  });
});

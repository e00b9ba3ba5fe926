import { describe, it, expect } from 'vitest';
import { IntPairMap } from './rows.ts';

describe('IntPairMap', () => {
  it('remembers the first line of every key through growth, and tells pairs apart', () => {
    const m = new IntPairMap(10);
    let line = 0;
    let seenBefore = 0;
    for (let a = 0; a < 300; a++) for (let b = 1; b <= 400; b++) if (m.setIfAbsent(a, b, ++line) !== 0) seenBefore++;
    expect(seenBefore).toBe(0);
    expect(m.setIfAbsent(0, 1, 999_999)).toBe(1);
    expect(m.setIfAbsent(299, 400, 999_999)).toBe(120_000);
    expect(m.setIfAbsent(1, 0, 5)).toBe(0); // (1, 0) is not (0, 1)
    expect(m.setIfAbsent(400, 299, 6)).toBe(0);
    expect(m.setIfAbsent(2_147_483_647, 0, 7)).toBe(0);
    expect(m.setIfAbsent(2_147_483_647, 0, 8)).toBe(7);
  });
});

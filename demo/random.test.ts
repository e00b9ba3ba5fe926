import { describe, expect, it } from 'vitest';
import { apportion, Rng } from './random.ts';

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.u32());

describe('Rng', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    expect(draw(new Rng(7), 50)).toEqual(draw(new Rng(7), 50));
    expect(draw(new Rng(7), 50)).not.toEqual(draw(new Rng(8), 50));
  });

  it('is pinned: the first numbers for seed 1 never change (data made from them would)', () => {
    expect(draw(new Rng(1), 3)).toEqual([1828152527, 3394835397, 2967886022]);
  });

  it('forks independent, reproducible streams by label', () => {
    const a = new Rng(1);
    expect(draw(a.fork('navne'), 5)).toEqual(draw(new Rng(1).fork('navne'), 5));
    expect(draw(a.fork('navne'), 5)).not.toEqual(draw(a.fork('boliger'), 5));
    expect(draw(a.fork('navne'), 5)).not.toEqual(draw(new Rng(2).fork('navne'), 5));
  });

  it('keeps int, float and pick within bounds and reaches both ends', () => {
    const rng = new Rng(3);
    const ints = Array.from({ length: 2000 }, () => rng.int(2, 5));
    expect(Math.min(...ints)).toBe(2);
    expect(Math.max(...ints)).toBe(5);
    for (let i = 0; i < 1000; i++) {
      const f = rng.float(-1, 1);
      expect(f).toBeGreaterThanOrEqual(-1);
      expect(f).toBeLessThan(1);
    }
    expect(['a', 'b']).toContain(rng.pick(['a', 'b']));
    expect(() => rng.pick([])).toThrow();
  });

  it('has the right mean and spread for normal and poisson draws', () => {
    const rng = new Rng(4);
    const n = 20000;
    const xs = Array.from({ length: n }, () => rng.normal(10, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeCloseTo(2, 1);
    for (const lambda of [0.5, 4, 50]) {
      const ps = Array.from({ length: n }, () => rng.poisson(lambda));
      expect(ps.reduce((s, x) => s + x, 0) / n).toBeCloseTo(lambda, lambda < 1 ? 1 : 0);
    }
  });

  it('picks by weight and shuffles to a permutation', () => {
    const rng = new Rng(5);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10000; i++) counts[rng.weighted(['a', 'b', 'c'] as const, [1, 3, 0])]++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.6);
    expect(counts.b / counts.a).toBeLessThan(3.4);
    const items = Array.from({ length: 30 }, (_, i) => i);
    const shuffled = rng.shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
  });
});

describe('apportion', () => {
  it('splits a total exactly, in proportion, with a minimum', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(100, [3, 1])).toEqual([75, 25]);
    const parts = apportion(7308, [5, 0.01, 0.01, 2], 12);
    expect(parts.reduce((s, x) => s + x, 0)).toBe(7308);
    expect(Math.min(...parts)).toBeGreaterThanOrEqual(12);
    expect(apportion(5, [0, 0])).toEqual([3, 2]);
    expect(apportion(0, [1, 2])).toEqual([0, 0]);
  });
});

import { describe, expect, it } from 'vitest';
import { bandLabels, bandOf, suppressBreakdown } from './oversigt.ts';

const rules = { minCount: 5, minHouseholds: 20 };

describe('anvisning statistics', () => {
  it('puts a rent in the band below the first limit it is under; the limit itself belongs to the next band', () => {
    expect([3499.99, 3500, 4499, 4500, 9000].map((r) => bandOf(r, [3500, 4000, 4500]))).toEqual([0, 1, 2, 3, 3]);
    expect(bandLabels([3500, 4000])).toEqual(['under 3.500 kr.', '3.500-4.000 kr.', '4.000 kr. og derover']);
  });

  it('hides counts of 1-4 and, when one cell is hidden, the smallest other so the total does not reveal it', () => {
    expect(suppressBreakdown([{ noegle: 'a', antal: 12 }, { noegle: 'b', antal: 3 }, { noegle: 'c', antal: 7 }, { noegle: 'd', antal: 0 }], rules)).toEqual([
      { noegle: 'a', antal: 12 },
      { noegle: 'b', antal: null },
      { noegle: 'c', antal: null },
      { noegle: 'd', antal: 0 },
    ]);
    expect(suppressBreakdown([{ noegle: 'a', antal: 5 }, { noegle: 'b', antal: 4 }, { noegle: 'c', antal: 1 }], rules).map((r) => r.antal)).toEqual([5, null, null]);
  });
});

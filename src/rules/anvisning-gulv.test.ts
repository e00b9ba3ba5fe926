// betalingsevnefilter's floor (gulvHusleje, used by the batch to skip the formula): at or below it, affordability is
// 'kan_betale' or 'usikker' for every area, over generated households (demo/anvisning-batch.ts, seeded, not real data).
import { describe, expect, it } from 'vitest';
import { husstand } from '../../demo/anvisning-batch.ts';
import { Rng } from '../../demo/random.ts';
import { loadLaw } from '../law/params.ts';
import { affordability, betalingsevnefilter } from './anvisning.ts';

const law = loadLaw();

describe('betalingsevnefilter.gulvHusleje', () => {
  it('every rent at or below the floor is affordable (kan_betale or usikker), whatever the area and share', () => {
    let med = 0;
    for (const [d, dato] of ['2026-01-01', '2026-06-15', '2026-12-31'].entries()) {
      const r = new Rng(500 + d);
      for (let k = 0; k < 150; k++) {
        const h = husstand(r, dato);
        if (r.chance(0.1)) h.boligstoetteart = r.chance(0.5) ? 'boligydelse' : 'boligsikring';
        const ind = r.chance(0.3) ? { maxAndelPct: r.pick([20, 25, 35, 40]) } : {};
        const f = betalingsevnefilter(h, dato, law, ind);
        if (!Number.isFinite(f.gulvHusleje)) {
          expect(f.gulvHusleje).toBe(-Infinity);
          continue;
        }
        med++;
        for (let t = 0; t < 8; t++) {
          const leje = Math.max(0, Math.floor(f.gulvHusleje) - (t === 0 ? 0 : r.int(0, 4000)));
          const x = t % 3 === 0 ? { maanedligHusleje: leje } : { maanedligHusleje: leje, arealM2: r.int(20, 200) };
          expect(['kan_betale', 'usikker']).toContain(affordability(h, x, dato, law, ind).status);
        }
      }
    }
    expect(med).toBeGreaterThan(300);
  });

  it('is -Infinity without an income', () => {
    const h = husstand(new Rng(3), '2026-06-15');
    delete h.husstandsindkomstAar;
    expect(betalingsevnefilter(h, '2026-06-15', law).gulvHusleje).toBe(-Infinity);
  });
});

// The app's batch path (batchRegler + tildel) on generated households (demo/anvisning-batch.ts, not real data): every
// assigned pair is allowed by the full rules (eligibility, affordability), no dwelling or household is used twice, and
// ours never houses fewer than greedy.
import { describe, expect, it } from 'vitest';
import { genererAnvisning } from '../../../demo/anvisning-batch.ts';
import { loadLaw } from '../../law/params.ts';
import { affordability, eligibility } from '../../rules/anvisning.ts';
import { greedyAssign, kompatibilitet, tildel } from '../../rules/tildeling.ts';
import { batchRegler } from './batch.ts';

const law = loadLaw();

describe('batchRegler', () => {
  for (const seed of [1, 2, 3]) {
    it(`assigns only pairs the full rules allow, each dwelling and household once (seed ${seed})`, () => {
      const dato = '2026-04-01';
      const d = genererAnvisning(seed, 300, 80, dato);
      const { input, regler } = batchRegler(dato, d.ansoegere, d.ledigheder, law);
      const t = tildel(input, regler);
      const g = greedyAssign(input, regler);
      expect(t.antalHuset).toBeGreaterThanOrEqual(g.antalHuset);
      expect(t.antalHuset).toBeGreaterThan(0);
      const A = new Map(d.ansoegere.map((a) => [a.id, a]));
      const L = new Map(d.ledigheder.map((l) => [l.id, l]));
      for (const r of [t, g]) {
        expect(new Set(r.tildelinger.map((p) => p.ledighedId)).size).toBe(r.tildelinger.length);
        expect(new Set(r.tildelinger.map((p) => p.ansoegerId)).size).toBe(r.tildelinger.length);
        for (const p of r.tildelinger) {
          const a = A.get(p.ansoegerId)!;
          const l = L.get(p.ledighedId)!;
          expect(eligibility(a.husstand, { kategorier: l.kategorier }, dato, law).status).toBe('tilladt');
          expect(['kan_betale', 'usikker']).toContain(affordability(a.husstand, { maanedligHusleje: l.husleje, arealM2: l.arealM2 }, dato, law).status);
          expect(l.vaerelser).toBeGreaterThanOrEqual(a.vaerelserMin);
          expect(l.vaerelser).toBeLessThanOrEqual(a.vaerelserMax);
        }
      }
    });
  }
  it('the reason counts add up: every pair is allowed or counted once under one reason, on both sides (also "for dyr" from the rules)', () => {
    const dato = '2026-04-01';
    const d = genererAnvisning(4, 300, 80, dato);
    const { input, regler } = batchRegler(dato, d.ansoegere, d.ledigheder, law);
    const g = kompatibilitet(input, regler);
    const n = g.ansoegere.length;
    const m = g.ledigheder.length;
    const indeg = new Int32Array(m);
    for (const j of g.naboer) indeg[j]++;
    const sum = (tael: readonly Int32Array[], x: number) => tael.reduce((s, t) => s + t[x], 0);
    for (let i = 0; i < n; i++) expect(sum(g.taelA, i) + (g.start[i + 1] - g.start[i]), g.ansoegere[i].id).toBe(m);
    for (let j = 0; j < m; j++) expect(sum(g.taelL, j) + indeg[j], g.ledigheder[j].id).toBe(n);
  });
});

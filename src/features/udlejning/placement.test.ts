import { describe, expect, it } from 'vitest';
import { loadLaw } from '../../law/params.ts';
import { defaultTrappemodel } from '../../rules/udlejning.ts';
import { computePlacements } from './placement.ts';
import type { Aftale, DaekketAfdeling, PlaceringRow } from './store.ts';

describe('placement', () => {
  const model = defaultTrappemodel(loadLaw(), '2026-01-01');
  const aftale = { trappemodel: model } as Aftale;
  const afd = { afdeling_id: 7, afdeling_navn: 'A', noegletal_aar: 2025, figures: { uden_for_arbejde_pct: 45 } } as unknown as DaekketAfdeling;
  const manual = (trin: string) => new Map([[7, { afdeling_id: 7, trin, manuel: true, begrundelse: 'Helhedsplan' } as PlaceringRow]]);

  it('keeps a manual placement on a step the model has, and records the computed step beside it', () => {
    const [p] = computePlacements(aftale, [afd], 2026, manual(model.trin[1].id));
    expect(p).toMatchObject({ trin: model.trin[1].id, beregnet_trin: model.trin[0].id, manuel: true, begrundelse: 'Helhedsplan' });
  });

  it('drops a manual placement whose step was removed from the model', () => {
    const [p] = computePlacements(aftale, [afd], 2026, manual('fjernet-trin'));
    expect(p).toMatchObject({ trin: model.trin[0].id, manuel: false, begrundelse: '' });
  });
});

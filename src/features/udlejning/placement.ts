// The yearly placement of covered afdelinger on the agreement's steps: computed from the key figures, a
// manual placement in force for the year is kept (with its reason), the computed step is recorded beside it.
import { placeOnStep } from '../../rules/udlejning.ts';
import type { Aftale, DaekketAfdeling, PlaceringRow } from './store.ts';

export function computePlacements(aftale: Aftale, covered: readonly DaekketAfdeling[], aar: number, current: ReadonlyMap<number, PlaceringRow> = new Map()) {
  return covered.map((a) => {
    const p = placeOnStep(aftale.trappemodel, a.figures);
    const beregnet = p.status === 'placeret' ? p.trin.id : null;
    const manual = current.get(a.afdeling_id);
    // A manual placement on a step the model no longer has is dropped: it would point at nothing.
    const keep = manual?.manuel === true && aftale.trappemodel.trin.some((t) => t.id === manual.trin);
    return {
      afdeling_id: a.afdeling_id,
      aar,
      beregnet_trin: beregnet,
      trin: keep ? manual!.trin : beregnet,
      manuel: keep,
      begrundelse: keep ? manual!.begrundelse : '',
      forklaring: [a.noegletal_aar === null ? 'Ingen nøgletal for afdelingen.' : `Nøgletal for ${a.noegletal_aar}.`, ...p.forklaring].join(' '),
      noegletal_aar: a.noegletal_aar,
    };
  });
}

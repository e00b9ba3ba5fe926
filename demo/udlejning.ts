// Generated lettings of family dwellings per afdeling and year (demo data, issue 5's quota ledger): the
// vacancies follow each afdeling's generated move-out rate; the channels are drawn around a plain agreement
// (every 4th vacancy to kommunal anvisning, less in the most vulnerable afdelinger; some fleksibel udlejning).
// The shares are invented; no municipality's letting figures are used.
import type { AfdelingPlan } from './afdeling.ts';
import type { KeyFigures } from './keyfigures.ts';
import type { Rng } from './random.ts';
import type { ImportRow } from './csv.ts';

export function lettingRows(rng: Rng, plans: readonly AfdelingPlan[], figures: readonly KeyFigures[][], z: readonly number[]): ImportRow[] {
  const out: ImportRow[] = [];
  plans.forEach((p, i) => {
    if (p.counts.familie === 0) return;
    for (const k of figures[i]) {
      const rate = k.rates.fraflytning_pct;
      if (rate == null) continue;
      const ledige = rng.poisson((p.counts.familie * rate) / 100);
      // The weaker the afdeling (higher z), the fewer anvisninger and the more fleksibel udlejning.
      const anvisning = z[i] > 1.2 ? 0.05 : 0.25;
      const weights = [Math.max(0.2, 0.6 - anvisning), anvisning, z[i] > 0.8 ? 0.2 : 0.08, 0.08, 0.04];
      const channels = [0, 0, 0, 0, 0];
      for (let n = 0; n < ledige; n++) if (!rng.chance(0.03)) channels[rng.weightedIndex(weights)]++; // a few stay unlet at year end
      out.push({
        org_lbf_nr: String(p.orgLbfNr),
        afdelingsnummer: String(p.afdelingsnummer),
        aar: String(k.aar),
        ledige_familieboliger: String(ledige),
        venteliste: String(channels[0]),
        kommunal_anvisning: String(channels[1]),
        fleksibel_udlejning: String(channels[2]),
        intern_oprykning: String(channels[3]),
        andet: String(channels[4]),
      });
    }
  });
  return out;
}

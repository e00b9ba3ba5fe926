// Generated boligorganisationer and the numbering of their afdelinger (shared by the demo municipality
// and the synthetic country).
import type { AfdelingPlan } from './afdeling.ts';
import type { ImportRow } from './csv.ts';
import { fakeCvr, type NameBook } from './names.ts';
import type { Rng } from './random.ts';

export interface Organisation {
  lbfNr: number;
  selvejende: boolean;
  /** Relative share of the municipality's afdelinger it owns. */
  weight: number;
  row: ImportRow;
}

/**
 * `count` organisations with home in `kommunekode`: mostly almene boligorganisationer of very different
 * sizes (log-normal weights), one in ten a selvejende institution with a single afdeling, administered by
 * another organisation; a few small ones bought in administration.
 */
export function makeOrganisations(
  rng: Rng,
  names: NameBook,
  opts: { count: number; firstLbfNr: number; kommunekode: string },
): Organisation[] {
  const orgs: Organisation[] = [];
  let administrator: string | undefined;
  for (let i = 0; i < opts.count; i++) {
    const selvejende = opts.count >= 3 && i % 10 === 9;
    const form = selvejende ? 'selvejende almen boliginstitution' : 'almen boligorganisation';
    const navn = names.organisation(form);
    const lbfNr = opts.firstLbfNr + i;
    const small = i > 0 && rng.chance(0.2);
    if (small && !administrator) administrator = names.administration();
    orgs.push({
      lbfNr,
      selvejende,
      weight: selvejende ? 0 : rng.logNormal(1, 0.8) * (i === 0 ? 3 : small ? 0.4 : 1),
      row: {
        org_lbf_nr: String(lbfNr),
        cvr: fakeCvr(lbfNr),
        navn,
        form,
        administrationsorganisation: selvejende ? orgs[0].row.navn : small ? administrator! : '',
        kommunekode: opts.kommunekode,
      },
    });
  }
  return orgs;
}

/**
 * Gives every afdeling an owner and a number. Each organisation owns at least one afdeling, a selvejende
 * institution exactly one; numbers follow the build year within an organisation (older afdelinger have
 * lower numbers), with gaps as after sales and mergers. (Plain code-unit order for ties: locale order would
 * depend on the machine.)
 */
export function assignToOrganisations(rng: Rng, plans: AfdelingPlan[], orgs: Organisation[]): void {
  const order = rng.shuffle(plans.map((_, i) => i));
  const owner = new Array<number>(plans.length);
  const weights = orgs.map((o) => o.weight);
  order.forEach((p, k) => (owner[p] = k < orgs.length ? k : rng.weightedIndex(weights)));
  orgs.forEach((o, oi) => {
    const own = plans.filter((_, p) => owner[p] === oi).sort((a, b) => a.opfoerelsesaar - b.opfoerelsesaar || (a.navn < b.navn ? -1 : 1));
    let nr = 0;
    for (const a of own) {
      nr += rng.chance(0.8) ? 1 : rng.int(2, 4);
      a.orgLbfNr = o.lbfNr;
      a.afdelingsnummer = nr;
    }
  });
}

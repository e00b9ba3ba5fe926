// Key figures as they may leave the system: the suppression spec for noegletal rows and the municipal
// aggregates the overview publishes, declared together because each aggregate is a total that
// complementary suppression must protect the cells behind.
import {
  keyFigureKinds,
  keyFigureRowRelations,
  isSmallCount,
  rateAllowed,
  suppressTable,
  type ColumnRelation,
  type SuppressionRules,
  type WithSuppressed,
} from '../../shared/suppression.ts';
import type { NoegletalRow } from './store.ts';

/** An aggregate over a kommune's afdelinger in one year: a sum, or a mean weighted by another field. */
export interface KommuneAggregate {
  field: 'beboere' | 'fraflytning_pct' | 'uden_for_arbejde_pct';
  weight?: 'husstande' | 'beboere_18_64';
  member: (r: NoegletalRow) => boolean;
}

const isAfdeling = (r: NoegletalRow) => r.enhed === 'afdeling';

export const kommuneAggregates = {
  beboere: { field: 'beboere', member: isAfdeling },
  // The family move-out rate: afdelinger with family dwellings, weighted by households.
  fraflytning_pct: { field: 'fraflytning_pct', weight: 'husstande', member: (r) => isAfdeling(r) && (r.antal_familie ?? 0) > 0 },
  // A share of the 18-64-year-olds, so weighted by them.
  uden_for_arbejde_pct: { field: 'uden_for_arbejde_pct', weight: 'beboere_18_64', member: isAfdeling },
} satisfies Record<string, KommuneAggregate>;

const groupOf = (r: NoegletalRow) => `${r.kommunekode}|${r.aar}`;

const columnRelations: ColumnRelation<NoegletalRow>[] = Object.values(kommuneAggregates).map((a: KommuneAggregate) => ({
  field: a.field,
  weight: a.weight,
  group: (r) => (a.member(r) ? groupOf(r) : null),
}));

/**
 * Suppresses key-figure rows. The rows must hold every row of each (kommune, year) group they touch,
 * since a cell may be hidden to protect another unit's cell in the same municipal total.
 */
export function suppressNoegletal(rows: NoegletalRow[], rules: SuppressionRules): WithSuppressed<NoegletalRow>[] {
  return suppressTable(rows, rules, {
    kinds: keyFigureKinds,
    households: (r) => r.husstande,
    id: (r) => r.id,
    rowRelations: keyFigureRowRelations,
    columnRelations,
  });
}

export interface AggregateValue {
  value: number | null;
  suppressed: boolean;
}

/**
 * One municipal aggregate over rows of one (kommune, year), from unsuppressed values, with the same
 * membership as the column relation above; suppressed by the same rule as a single unit's figure.
 */
export function kommuneAggregate(rows: NoegletalRow[], agg: KommuneAggregate, rules: SuppressionRules): AggregateValue {
  let sum = 0;
  let weights = 0;
  let households = 0;
  let n = 0;
  for (const r of rows) {
    const v = r[agg.field];
    if (!agg.member(r) || v == null) continue;
    const w = agg.weight ? r[agg.weight] : 1;
    if (w == null || w <= 0) continue;
    sum += v * w;
    weights += w;
    households += r.husstande ?? 0;
    n++;
  }
  if (n === 0) return { value: null, suppressed: false };
  if (!agg.weight) return isSmallCount(sum, rules) ? { value: null, suppressed: true } : { value: sum, suppressed: false };
  if (!rateAllowed(households, rules)) return { value: null, suppressed: true };
  return { value: Math.round((sum / weights) * 100) / 100, suppressed: false };
}

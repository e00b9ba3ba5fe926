// The one small-numbers rule (DESIGN.md convention 9). Every output that leaves the system (UI, API,
// exports, reports) runs its figures through this module; nothing else decides what is hidden.
//
// Primary suppression:
//   - a count of persons, households or cases of 1 .. minCount-1 is hidden; 0 is shown (an empty cell
//     describes no one, and hiding it would also hide structural zeros such as "no ungdomsboliger");
//   - every rate (share, pct) of a unit with fewer than minHouseholds households is hidden; a unit whose
//     number of households is unknown gets no rate either (we cannot tell that it is large enough).
// Complementary suppression: when a published total equals the sum (or weighted mean) of cells and exactly
// one of them is hidden, the hidden value could be recomputed, so a second cell is hidden too: the
// smallest positive shown cell, or, when there is none, the total itself. Repeated until nothing changes,
// because a cell hidden for one relation can expose another.
// See docs/decisions/005-small-numbers.md.
import type { Config } from '../config.ts';

export interface SuppressionRules {
  /** Counts of 1 .. minCount-1 are hidden. */
  minCount: number;
  /** Rates of units with fewer households are hidden. */
  minHouseholds: number;
}

export function rulesFromConfig(config: Pick<Config, 'ALMEN_SUPPRESS_MIN_COUNT' | 'ALMEN_SUPPRESS_MIN_HOUSEHOLDS'>): SuppressionRules {
  return { minCount: config.ALMEN_SUPPRESS_MIN_COUNT, minHouseholds: config.ALMEN_SUPPRESS_MIN_HOUSEHOLDS };
}

/**
 * count: persons, households or cases about persons (suppressed when small);
 * rate: a share of the unit's persons (suppressed for small units);
 * public: a fact about buildings, not persons (never suppressed).
 */
export type FigureKind = 'count' | 'rate' | 'public';

/**
 * The key-figure columns (noegletal, and the import format's keyFigureColumns), declared once.
 * - venteliste counts persons (applicants); small numbers are hidden like any other count of persons.
 * - ledige_boliger counts dwellings, a fact about the buildings that the organisation itself publishes
 *   when it advertises them; like the dwelling counts of afdelinger it is not personal and is shown.
 */
export const keyFigureKinds = {
  beboere: 'count',
  husstande: 'count',
  beboere_0_17: 'count',
  beboere_18_64: 'count',
  beboere_65_plus: 'count',
  uden_for_arbejde_pct: 'rate',
  doemte_pct: 'rate',
  kun_grundskole_pct: 'rate',
  indkomst_pct_af_region: 'rate',
  ikke_vestlige_pct: 'rate',
  fraflytning_pct: 'rate',
  ledige_boliger: 'public',
  husordenssager: 'count',
  restancesager: 'count',
  venteliste: 'count',
} as const satisfies Record<string, FigureKind>;

export type KeyFigureName = keyof typeof keyFigureKinds;
export const keyFigureFields = Object.keys(keyFigureKinds) as KeyFigureName[];

/** Sums that hold inside one key-figure row: hiding one part alone would be undone by the total. */
export const keyFigureRowRelations: RowRelation[] = [
  { total: 'beboere', parts: ['beboere_0_17', 'beboere_18_64', 'beboere_65_plus'] },
];

export function isSmallCount(value: number | null | undefined, rules: SuppressionRules): boolean {
  return value != null && value > 0 && value < rules.minCount;
}

export function rateAllowed(households: number | null | undefined, rules: SuppressionRules): boolean {
  if (rules.minHouseholds <= 0) return true;
  return households != null && households >= rules.minHouseholds;
}

/** A published total that is the sum of the parts in the same row. */
export interface RowRelation {
  total: string;
  parts: string[];
}

/**
 * A figure published elsewhere (e.g. the municipality overview) as an aggregate of one field over a
 * group of rows: a sum, or a mean weighted by another field. Rows outside the aggregate get group null.
 */
export interface ColumnRelation<T> {
  field: string;
  group: (row: T) => string | null;
  /** For weighted means: the weight field; rows without a positive weight are not in the aggregate. */
  weight?: string;
}

export interface TableSpec<T> {
  kinds: Record<string, FigureKind>;
  /** The number of households of the row's unit, for the rate rule. */
  households: (row: T) => number | null;
  /** Stable identity, so the same cell is chosen as complement whatever order rows arrive in. */
  id: (row: T) => number | string;
  rowRelations?: RowRelation[];
  columnRelations?: ColumnRelation<T>[];
}

export type WithSuppressed<T> = T & { suppressed: string[] };

type Num = number | null | undefined;
const num = (row: object, field: string): Num => (row as Record<string, Num>)[field];

/** Applies primary and complementary suppression to a table; returns copies with hidden values null. */
export function suppressTable<T extends object>(rows: readonly T[], rules: SuppressionRules, spec: TableSpec<T>): WithSuppressed<T>[] {
  const hidden = rows.map(() => new Set<string>());
  const fields = Object.keys(spec.kinds);

  rows.forEach((row, i) => {
    for (const f of fields) {
      const kind = spec.kinds[f];
      const v = num(row, f);
      if (v == null) continue;
      if (kind === 'count' && isSmallCount(v, rules)) hidden[i].add(f);
      if (kind === 'rate' && !rateAllowed(spec.households(row), rules)) hidden[i].add(f);
    }
  });

  // Picks the shown cell with the smallest positive rank, ties broken by id.
  const pickSmallest = (cands: { i: number; f: string; rank: number }[]) =>
    cands
      .filter((c) => c.rank > 0 && !hidden[c.i].has(c.f))
      .sort((a, b) => a.rank - b.rank || compareIds(spec.id(rows[a.i]), spec.id(rows[b.i])))[0];

  // The members of each published aggregate: per relation, per group, the row indexes.
  const aggregates = (spec.columnRelations ?? []).map((rel) => {
    const groups = new Map<string, number[]>();
    rows.forEach((row, i) => {
      const g = rel.group(row);
      if (g == null || num(row, rel.field) == null) return;
      const w = rel.weight ? num(row, rel.weight) : 1;
      if (w == null || w <= 0) return;
      (groups.get(g) ?? groups.set(g, []).get(g)!).push(i);
    });
    return { rel, groups: [...groups.values()] };
  });

  const hide = (i: number, f: string) => {
    if (hidden[i].has(f)) return false;
    hidden[i].add(f);
    return true;
  };

  let changed = true;
  while (changed) {
    changed = false;
    rows.forEach((row, i) => {
      for (const rel of spec.rowRelations ?? []) {
        const cells = [rel.total, ...rel.parts];
        // An unknown cell already makes the sum unsolvable.
        if (cells.some((f) => num(row, f) == null)) continue;
        if (cells.filter((f) => hidden[i].has(f)).length !== 1) continue;
        const part = pickSmallest(rel.parts.map((f) => ({ i, f, rank: num(row, f)! })));
        if (hide(i, part ? part.f : rel.total)) changed = true;
      }
    });
    for (const { rel, groups } of aggregates) {
      for (const members of groups) {
        if (members.filter((i) => hidden[i].has(rel.field)).length !== 1) continue;
        const rank = (i: number) => num(rows[i], rel.weight ?? rel.field)!;
        const cell = pickSmallest(members.map((i) => ({ i, f: rel.field, rank: rank(i) })));
        // Without a second cell the published aggregate is itself the hidden value, and the aggregate
        // is suppressed by the same rule where it is published (its count is small, or its households few).
        if (cell && hide(cell.i, rel.field)) changed = true;
      }
    }
  }

  return rows.map((row, i) => {
    const out = { ...row } as Record<string, unknown>;
    const suppressed = fields.filter((f) => hidden[i].has(f));
    for (const f of suppressed) out[f] = null;
    out.suppressed = suppressed;
    return out as unknown as WithSuppressed<T>;
  });
}

/** Suppression of one unit's figures, e.g. a municipality total in the overview. */
export function suppressRow<T extends object>(row: T, rules: SuppressionRules, spec: Omit<TableSpec<T>, 'id' | 'columnRelations'>): WithSuppressed<T> {
  return suppressTable([row], rules, { ...spec, id: () => 0 })[0];
}

function compareIds(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

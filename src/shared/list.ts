// The one list mechanism: filters and search in SQL, Danish sorting and paging in the app.
// PGlite has no ICU collations, so text is never ordered in SQL (DESIGN.md, Stack).

/**
 * Danish alphabetical order: æ, ø, å after z, and "aa" counts as å (Aabo after Østergården, as in
 * Retskrivningsordbogen); digits compare as numbers ("Blok 2" before "Blok 10").
 */
export const daCollator = new Intl.Collator('da', { numeric: true });

export type SortValue = string | number | null | undefined;
export type SortOrder = 'asc' | 'desc';

/**
 * Sorts by one key, text in Danish order, numbers numerically; missing values last in both directions;
 * ties by id so pages never overlap.
 */
export function sortRows<T>(rows: T[], key: (row: T) => SortValue, order: SortOrder, id: (row: T) => number): T[] {
  const dir = order === 'desc' ? -1 : 1;
  const keyed = rows.map((row) => ({ row, k: key(row), id: id(row) }));
  keyed.sort((a, b) => {
    const an = a.k == null || a.k === '';
    const bn = b.k == null || b.k === '';
    if (an || bn) return an === bn ? a.id - b.id : an ? 1 : -1;
    const c = typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : daCollator.compare(String(a.k), String(b.k));
    return c !== 0 ? c * dir : a.id - b.id;
  });
  return keyed.map((x) => x.row);
}

export function page<T>(rows: T[], paging: { limit: number; offset: number } | null): T[] {
  return paging ? rows.slice(paging.offset, paging.offset + paging.limit) : rows;
}

/**
 * A case-insensitive "contains" over SQL text expressions. lower() alone misses Æ, Ø and Å on a
 * PostgreSQL whose ctype is C, so the Danish capitals are folded explicitly.
 * Returns the SQL condition and adds its parameter to params.
 */
export function searchCondition(exprs: string[], q: string, params: unknown[], exact: string[] = []): string {
  params.push('%' + fold(q).replace(/[\\%_]/g, (c) => '\\' + c) + '%');
  const p = `$${params.length}`;
  const likes = exprs.map((e) => `lower(translate(${e}, 'ÆØÅÄÖÜÉ', 'æøåäöüé')) LIKE ${p}`);
  if (exact.length) {
    params.push(q.trim());
    likes.push(...exact.map((e) => `${e}::text = $${params.length}`));
  }
  return `(${likes.join(' OR ')})`;
}

export function fold(s: string): string {
  return s.trim().toLowerCase();
}

/** Collects an iterable (sync or async) into an array. */
export async function collect<T>(items: Iterable<T> | AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}

/** Sorts presented items (so hidden values sort as missing, never by their true value) and pages them. */
export function sortedPage<T>(
  items: T[],
  key: (item: T) => SortValue,
  order: SortOrder,
  id: (item: T) => number,
  paging: { limit: number; offset: number } | null,
): { items: T[]; total: number } {
  return { items: page(sortRows(items, key, order, id), paging), total: items.length };
}

/** Loads ids in batches, in order: a stream of items for exports too large to hold at once. */
export async function* inBatches<T>(ids: number[], size: number, load: (ids: number[]) => Promise<T[]>): AsyncGenerator<T> {
  for (let i = 0; i < ids.length; i += size) yield* await load(ids.slice(i, i + size));
}

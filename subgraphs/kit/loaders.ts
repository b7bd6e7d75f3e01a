import DataLoader from 'dataloader';

/**
 * A per-request DataLoader that loads rows by key in one statement and returns them in key
 * order (`null` where missing). Entities resolved across centers go through these, so a query
 * touching many entities costs one statement per entity type, not one per entity.
 */
export function rowsByKey<Key, Row>(
  loadRows: (keys: readonly Key[]) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
): DataLoader<Key, Row | null> {
  return new DataLoader<Key, Row | null>(async (keys) => {
    const rows = await loadRows(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row] as const));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Like `rowsByKey`, for one-to-many: every key gets the (possibly empty) list of its rows. */
export function rowGroupsByKey<Key, Row>(
  loadRows: (keys: readonly Key[]) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
): DataLoader<Key, Row[]> {
  return new DataLoader<Key, Row[]>(async (keys) => {
    const rows = await loadRows(keys);
    const groups = new Map<Key, Row[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

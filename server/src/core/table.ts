// Lookup tables that are indexed with text from a document (a resource Type, an operator, a policy name).
// A plain object literal would answer `constructor`, `toString` or `__proto__` with Object.prototype's
// members; these tables have no prototype, so such text finds nothing, like any other unknown key.

/** A copy of `entries` without a prototype: safe to index with any string. */
export function table<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T | undefined>> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

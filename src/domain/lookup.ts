/**
 * Looking a key up in a plain-object table. Keys come from URLs and documents, so `table[key]` would find
 * inherited members for "constructor", "__proto__" or "toString" (a function where a string was expected,
 * then a 500). Only the table's own entries count.
 */
export function lookup<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

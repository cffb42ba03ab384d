/**
 * A digest of an item's content, its number aside (editions renumber the same duty): the key by which
 * editions share what is worked out from an item (its dictionary terms, its analysis).
 */
import { createHash } from "node:crypto";
import type { Item } from "../domain/edition.ts";

const keys = new WeakMap<Item, { key: string; chars: number }>();

function keyOf(item: Item): { key: string; chars: number } {
  let entry = keys.get(item);
  if (!entry) {
    const json = JSON.stringify({ ...item, number: 0 });
    entry = { key: createHash("sha256").update(json).digest("base64"), chars: json.length };
    keys.set(item, entry);
  }
  return entry;
}

/** SHA-256 of the item's JSON with its number set to 0 (memoised per item object). */
export function itemKey(item: Item): string {
  return keyOf(item).key;
}

/** Rough bytes an item's objects and strings take (its JSON's length × 4), for memory bounds. */
export function itemBytes(item: Item): number {
  return keyOf(item).chars * 4;
}

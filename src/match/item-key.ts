/**
 * A digest of an item's content, its number aside (editions renumber the same duty): the key by which
 * editions share what is worked out from an item (its dictionary terms, its analysis).
 */
import { createHash } from "node:crypto";
import type { Item } from "../domain/edition.ts";

const keys = new WeakMap<Item, string>();

/** SHA-256 of the item's JSON with its number set to 0 (memoised per item object). */
export function itemKey(item: Item): string {
  let key = keys.get(item);
  if (key === undefined) {
    key = createHash("sha256")
      .update(JSON.stringify({ ...item, number: 0 }))
      .digest("base64");
    keys.set(item, key);
  }
  return key;
}

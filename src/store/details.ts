/**
 * Item details (the list-specific fields as JSON, rows.ts) are stored once per distinct text in
 * item_details and shared by every item carrying that text: the townships of a county copy the county
 * departments' duties into their cooperative lists, so a province repeats the same details thousands of
 * times (the scale bench: 3.1k distinct among 128k, two thirds of the bytes an import wrote). A detail is
 * found by the digest of its text; details no item carries any more are deleted with the last such item.
 * Concurrent writers on PostgreSQL: ensureDetails and dropUnusedDetails take no row locks of their own;
 * call them only after the transaction wrote an edition (inserted or deleted one), which updates the
 * edition revision row (migration 0002) and so holds every other edition writer off until commit.
 * Otherwise a detail found here could be deleted by a concurrent replace before the item pointing at it
 * is inserted (test/store/item-details-concurrency.test.ts).
 */
import * as crypto from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Item } from "../domain/edition.ts";
import { batchesFor, valueBatches } from "./batch.ts";
import { detailOf } from "./rows.ts";
import type { Database } from "./schema.ts";

/**
 * The key a detail's text is stored under: SHA-256, so two texts never share one. One-shot where node has
 * it (20.12+): making a Hash object per text cost a single import a tenth of its time.
 */
export function detailDigest(text: string): string {
  if (typeof crypto.hash === "function") return crypto.hash("sha256", text, "base64url");
  return crypto.createHash("sha256").update(text).digest("base64url");
}

/**
 * The ids of the details `texts`, storing those not stored yet; by text. Stored ones are looked up first,
 * so a text already there is not sent again (a re-import of a county sends none).
 */
export async function ensureDetails(
  db: Kysely<Database>,
  texts: Iterable<string>,
): Promise<Map<string, number>> {
  const textOf = new Map<string, string>();
  for (const text of new Set(texts)) textOf.set(detailDigest(text), text);
  const ids = new Map<string, number>();
  const find = async (digests: string[]) => {
    for (const batch of valueBatches(db, digests)) {
      const found = await db
        .selectFrom("item_details")
        .select(["id", "digest"])
        .where("digest", "in", batch)
        .execute();
      for (const row of found) ids.set(textOf.get(row.digest)!, row.id);
    }
  };
  await find([...textOf.keys()]);
  const missing = [...textOf]
    .filter(([, text]) => !ids.has(text))
    .map(([digest, detail]) => ({ digest, detail }));
  for (const batch of batchesFor(db, missing)) {
    await db
      .insertInto("item_details")
      .values(batch)
      .onConflict((oc) => oc.column("digest").doNothing())
      .execute();
  }
  await find(missing.map((m) => m.digest));
  if (ids.size !== textOf.size) throw new Error("item details were not stored");
  return ids;
}

/** The details the items of `editionIds` carry (read before deleting them, for dropUnusedDetails). */
export async function detailsOfEditions(
  db: Kysely<Database>,
  editionIds: readonly number[],
): Promise<number[]> {
  const ids = new Set<number>();
  for (const batch of valueBatches(db, editionIds)) {
    const rows = await db
      .selectFrom("items")
      .select("detail_id")
      .distinct()
      .where("edition_id", "in", batch)
      .where("detail_id", "is not", null)
      .execute();
    for (const row of rows) ids.add(row.detail_id!);
  }
  return [...ids];
}

/** Deletes those of `detailIds` that no item carries any more. */
export async function dropUnusedDetails(db: Kysely<Database>, detailIds: readonly number[]): Promise<void> {
  for (const batch of valueBatches(db, detailIds)) {
    await sql`delete from item_details where id in (${sql.join(batch)})
      and not exists (select 1 from items where items.detail_id = item_details.id)`.execute(db);
  }
}

/**
 * Numbers the distinct details of a batch's items in first-seen order, making each into JSON once: a
 * province's items repeat a few thousand details a hundred thousand times, and making every one into
 * JSON to find the repeats took a fifth of a bulk import (V8 builds long JSON in pieces, joined again
 * when the text is first hashed). Details are compared by value instead: a fingerprint of their shape,
 * lengths and some characters finds the few candidates, and equality of every value decides.
 */
export class DistinctDetails {
  /** The JSON of each distinct detail, by slot. */
  readonly texts: string[] = [];
  private readonly candidates = new Map<number, { value: unknown; slot: number }[]>();

  /** The slot of the item's detail; -1 for an item without one. */
  slotOf(item: Item): number {
    const value = detailOf(item);
    if (value === null) return -1;
    const print = fingerprint(value, 0);
    let listed = this.candidates.get(print);
    if (!listed) {
      listed = [];
      this.candidates.set(print, listed);
    }
    for (const candidate of listed) if (sameJson(candidate.value, value)) return candidate.slot;
    const slot = this.texts.length;
    this.texts.push(JSON.stringify(value));
    listed.push({ value, slot });
    return slot;
  }
}

function mix(hash: number, value: number): number {
  return Math.imul(hash ^ value, 0x9e3779b1) >>> 0;
}

/** A number equal values of JSON share: structure, lengths, and three characters of each string. */
function fingerprint(value: unknown, hash: number): number {
  if (typeof value === "string") {
    const n = value.length;
    hash = mix(hash, n);
    return n === 0
      ? hash
      : mix(mix(mix(hash, value.charCodeAt(0)), value.charCodeAt(n >> 1)), value.charCodeAt(n - 1));
  }
  if (typeof value === "number") return mix(hash, value | 0);
  if (value === null || typeof value !== "object")
    return mix(hash, value === true ? 1 : value === false ? 2 : 3);
  if (Array.isArray(value)) {
    hash = mix(hash, value.length + 7);
    for (const element of value) hash = fingerprint(element, hash);
    return hash;
  }
  const fields = value as Record<string, unknown>;
  for (const key in fields) hash = fingerprint(fields[key], mix(hash, key.length));
  return hash;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Whether two values make the same JSON text: same strings, numbers, booleans and nulls, arrays of equal
 * elements, and plain objects with equal fields in the same order. Anything else (a Date, undefined) counts
 * as different unless it is the very same value, which only costs a repeat its sharing.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== "undefined" && typeof a !== "function";
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || !isPlainObject(a) || !isPlainObject(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (let i = 0; i < keysA.length; i++) {
    const key = keysA[i]!;
    if (key !== keysB[i]) return false;
    if (!sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

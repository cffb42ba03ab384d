/**
 * Loading editions for a reader: access is decided here, where the editions are loaded, on the rows
 * actually returned — never re-derived from the URL. A same-named township elsewhere, whose editions the
 * reader may not read, neither makes a name ambiguous nor lends its status to another township.
 */
import type { Kysely } from "kysely";
import { listEditionsOf } from "./editions.ts";
import type { Database } from "./schema.ts";
import { ambiguous, townshipsNamed } from "./townships.ts";
import type { EditionReader, EditionRow, ReadableEditions, TownshipRow } from "./types.ts";

/** The edition to show among a township's rows (newest first): the date's, else newest published, else newest. */
function pick(rows: readonly EditionRow[], date: string | null): EditionRow | undefined {
  if (date !== null) return rows.find((r) => r.date === date);
  return rows.find((r) => r.status === "published") ?? rows[0];
}

export async function readableEditions(
  db: Kysely<Database>,
  ref: string,
  date: string | null,
  reader: EditionReader,
): Promise<ReadableEditions | undefined> {
  const named = await townshipsNamed(db, ref);
  if (named.length === 0) return undefined;
  const all = await listEditionsOf(
    db,
    named.map((t) => t.id),
  );
  const of = (t: TownshipRow) => all.filter((e) => e.townshipId === t.id);
  const readable = (t: TownshipRow) => of(t).filter((e) => reader.canRead(e));

  // Only townships the reader may read something of count for a bare name.
  const candidates = named.length === 1 ? named : named.filter((t) => readable(t).length > 0);
  if (candidates.length > 1) throw ambiguous(ref, candidates);
  const township = candidates[0];
  if (!township) {
    // Several townships of this name and none readable: refuse rather than say which counties have drafts.
    if (named.some((t) => pick(of(t), date))) throw reader.refusal();
    return undefined;
  }
  const editions = readable(township);
  const shown = pick(editions, date);
  if (shown) return { township, editions, shown };
  // Nothing readable to show: a refusal when something exists there, else not found.
  if (pick(of(township), date)) throw reader.refusal();
  return undefined;
}

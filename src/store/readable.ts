/**
 * Loading editions for a reader: access is decided here, where the editions are loaded, on the rows
 * actually returned — never re-derived from the URL. A same-named township elsewhere, whose editions the
 * reader may not read, neither makes a name ambiguous nor lends its status to another township.
 */
import type { Kysely } from "kysely";
import { parseTownshipRef } from "../domain/names.ts";
import { type NamedTownship, namedTownshipsWithPrecedentRevision } from "./editions.ts";
import type { Database } from "./schema.ts";
import { ambiguous } from "./townships.ts";
import type { EditionReader, EditionRow, ReadableEditions } from "./types.ts";

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
  const { county, township: name } = parseTownshipRef(ref);
  const { townships: found, precedentRevision } = await namedTownshipsWithPrecedentRevision(db, name, county);
  if (found.length === 0) return undefined;
  const readable = (f: NamedTownship) => f.editions.filter((e) => reader.canRead(e));

  // Only townships the reader may read something of count for a bare name.
  const candidates = found.length === 1 ? found : found.filter((f) => readable(f).length > 0);
  if (candidates.length > 1)
    throw ambiguous(
      ref,
      candidates.map((f) => f.township),
    );
  const chosen = candidates[0];
  if (!chosen) {
    // Several townships of this name and none readable: refuse rather than say which counties have drafts.
    if (found.some((f) => pick(f.editions, date))) throw reader.refusal();
    return undefined;
  }
  const editions = readable(chosen);
  const shown = pick(editions, date);
  if (shown) return { township: chosen.township, editions, shown, precedentRevision };
  // Nothing readable to show: a refusal when something exists there, else not found.
  if (pick(chosen.editions, date)) throw reader.refusal();
  return undefined;
}

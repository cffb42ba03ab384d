/**
 * Saved checks' queries: store one check under a fresh 128-bit random id, read it back by id, list an
 * author's history (newest first). The body is opaque JSON here; the web layer owns its shape.
 */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";
import { withTransaction } from "./transaction.ts";

/** The file a check was made from (a task sheet's workbook), kept with it. */
export interface SavedCheckFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface NewSavedCheck {
  authorId: number | null;
  authorName: string | null;
  townshipId: number;
  editionId: number;
  township: string;
  county: string;
  editionDate: string;
  taskCount: number;
  summary: string;
  body: string;
  createdAt: string;
}

export interface SavedCheck extends NewSavedCheck {
  id: string;
}

/** What a saved check's id looks like (see newSavedCheckId). */
export const SAVED_CHECK_ID = /^[0-9a-f]{32}$/;

/** An unguessable id: 128 random bits as 32 hex digits. */
export function newSavedCheckId(): string {
  return randomBytes(16).toString("hex");
}

/**
 * Stores a check, with the file it was made from when there is one (both or neither); returns its id.
 * The file's size is bounded by the caller (the upload limit).
 */
export async function saveCheck(
  db: Kysely<Database>,
  check: NewSavedCheck,
  file?: SavedCheckFile,
): Promise<string> {
  const id = newSavedCheckId();
  await withTransaction(db, async (trx) => {
    await insertCheck(trx, id, check);
    if (file) {
      await trx
        .insertInto("saved_check_files")
        .values({
          check_id: id,
          name: file.name,
          content_type: file.contentType,
          size: file.bytes.length,
          bytes: Buffer.from(file.bytes).toString("base64"),
        })
        .execute();
    }
  });
  return id;
}

/** The file saved with check `id`, or undefined (none was kept). Access is the saved check's: ask first. */
export async function savedCheckFile(db: Kysely<Database>, id: string): Promise<SavedCheckFile | undefined> {
  const row = await db
    .selectFrom("saved_check_files")
    .select(["name", "content_type", "bytes"])
    .where("check_id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    name: row.name,
    contentType: row.content_type,
    bytes: new Uint8Array(Buffer.from(row.bytes, "base64")),
  };
}

/** Whether check `id` has its file kept (without reading it). */
export async function hasSavedCheckFile(db: Kysely<Database>, id: string): Promise<boolean> {
  const row = await db
    .selectFrom("saved_check_files")
    .select("check_id")
    .where("check_id", "=", id)
    .executeTakeFirst();
  return row !== undefined;
}

async function insertCheck(db: Kysely<Database>, id: string, check: NewSavedCheck): Promise<void> {
  await db
    .insertInto("saved_checks")
    .values({
      id,
      author_id: check.authorId,
      author_name: check.authorName,
      township_id: check.townshipId,
      edition_id: check.editionId,
      township: check.township,
      county: check.county,
      edition_date: check.editionDate,
      task_count: check.taskCount,
      summary: check.summary,
      body: check.body,
      created_at: check.createdAt,
    })
    .execute();
}

type Row = Database["saved_checks"];

function toSaved(r: Row): SavedCheck {
  return {
    id: r.id,
    authorId: r.author_id,
    authorName: r.author_name,
    townshipId: r.township_id,
    editionId: r.edition_id,
    township: r.township,
    county: r.county,
    editionDate: r.edition_date,
    taskCount: r.task_count,
    summary: r.summary,
    body: r.body,
    createdAt: r.created_at,
  };
}

/** A saved check by id, or undefined. */
export async function savedCheck(db: Kysely<Database>, id: string): Promise<SavedCheck | undefined> {
  const row = await db.selectFrom("saved_checks").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toSaved(row) : undefined;
}

/** An author's saved checks, newest first, without bodies. */
export async function savedChecksOf(
  db: Kysely<Database>,
  authorId: number,
  limit = 200,
): Promise<Omit<SavedCheck, "body">[]> {
  const rows = await db
    .selectFrom("saved_checks")
    .select([
      "id",
      "author_id",
      "author_name",
      "township_id",
      "edition_id",
      "township",
      "county",
      "edition_date",
      "task_count",
      "summary",
      "created_at",
    ])
    .where("author_id", "=", authorId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const { body: _, ...rest } = toSaved({ ...r, body: "" });
    return rest;
  });
}

/** A decision made on a task of a saved check: the task's place there (task-N, row-N) and its precedent. */
export interface CheckDecisionMark {
  place: string;
  precedentId: number;
  decidedAt: string;
}

/** Records that the task at `mark.place` of check `checkId` was decided (replacing an earlier mark there). */
export async function markCheckDecision(
  db: Kysely<Database>,
  checkId: string,
  mark: CheckDecisionMark,
): Promise<void> {
  const values = { precedent_id: mark.precedentId, decided_at: mark.decidedAt };
  await db
    .insertInto("saved_check_decisions")
    .values({ check_id: checkId, place: mark.place, ...values })
    .onConflict((oc) => oc.columns(["check_id", "place"]).doUpdateSet(values))
    .execute();
}

/** The decisions made on check `checkId`'s tasks, by place. Access is the saved check's: ask first. */
export async function checkDecisionMarks(
  db: Kysely<Database>,
  checkId: string,
): Promise<CheckDecisionMark[]> {
  const rows = await db
    .selectFrom("saved_check_decisions")
    .select(["place", "precedent_id", "decided_at"])
    .where("check_id", "=", checkId)
    .orderBy("place")
    .execute();
  return rows.map((r) => ({ place: r.place, precedentId: r.precedent_id, decidedAt: r.decided_at }));
}

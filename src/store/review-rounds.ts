/**
 * Review rounds (三上三下) and their comments: the queries behind workflow/review.ts. Rounds name an edition by
 * township and date, which stay fixed while the draft is rewritten.
 */
import type { WorkflowDb } from "./workflow-schema.ts";

/** A comment with its author's and answerer's names. */
export interface CommentRecord {
  id: number;
  itemKey: string;
  author: string;
  body: string;
  createdAt: string;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
}

/** A round with its opener's name and its comments, oldest first. */
export interface RoundRecord {
  id: number;
  number: number;
  openedBy: string;
  openedAt: string;
  closedAt: string | null;
  comments: CommentRecord[];
}

/** Number and closing time of every round of an edition. */
export function roundNumbersOf(
  db: WorkflowDb,
  townshipId: number,
  date: string,
): Promise<{ number: number; closed_at: string | null }[]> {
  return db
    .selectFrom("review_rounds")
    .select(["number", "closed_at"])
    .where("township_id", "=", townshipId)
    .where("edition_date", "=", date)
    .execute();
}

/** Stores a new round; returns its id. */
export async function insertRound(
  db: WorkflowDb,
  r: { townshipId: number; date: string; number: number; openedBy: number },
): Promise<number> {
  const { id } = await db
    .insertInto("review_rounds")
    .values({
      township_id: r.townshipId,
      edition_date: r.date,
      number: r.number,
      opened_by: r.openedBy,
      opened_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** The edition's round that is still open, if any. */
export function openRoundOf(
  db: WorkflowDb,
  townshipId: number,
  date: string,
): Promise<{ id: number; number: number } | undefined> {
  return db
    .selectFrom("review_rounds")
    .select(["id", "number"])
    .where("township_id", "=", townshipId)
    .where("edition_date", "=", date)
    .where("closed_at", "is", null)
    .executeTakeFirst();
}

/** Closes a round now. */
export async function closeRoundNow(db: WorkflowDb, roundId: number): Promise<void> {
  await db
    .updateTable("review_rounds")
    .set({ closed_at: new Date().toISOString() })
    .where("id", "=", roundId)
    .execute();
}

/** A round's row with its township's name, or undefined. */
export function roundById(db: WorkflowDb, roundId: number) {
  return db
    .selectFrom("review_rounds")
    .innerJoin("townships", "townships.id", "review_rounds.township_id")
    .selectAll("review_rounds")
    .select("townships.name as township")
    .where("review_rounds.id", "=", roundId)
    .executeTakeFirst();
}

/** Stores a comment; returns its id. */
export async function insertComment(
  db: WorkflowDb,
  c: { roundId: number; itemKey: string; authorId: number; body: string },
): Promise<number> {
  const { id } = await db
    .insertInto("review_comments")
    .values({
      round_id: c.roundId,
      item_key: c.itemKey,
      author_id: c.authorId,
      body: c.body,
      created_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** A comment's row, or undefined. */
export function commentById(db: WorkflowDb, commentId: number) {
  return db.selectFrom("review_comments").selectAll().where("id", "=", commentId).executeTakeFirst();
}

/** Writes the admin's answer onto a comment. */
export async function setCommentAnswer(
  db: WorkflowDb,
  commentId: number,
  answer: string,
  answeredBy: number,
): Promise<void> {
  await db
    .updateTable("review_comments")
    .set({ answer, answered_by: answeredBy, answered_at: new Date().toISOString() })
    .where("id", "=", commentId)
    .execute();
}

/** Every round of an edition with its comments, oldest first. */
export async function roundRecordsOf(
  db: WorkflowDb,
  townshipId: number,
  date: string,
): Promise<RoundRecord[]> {
  const rounds = await db
    .selectFrom("review_rounds")
    .innerJoin("users", "users.id", "review_rounds.opened_by")
    .selectAll("review_rounds")
    .select("users.name as opener")
    .where("review_rounds.township_id", "=", townshipId)
    .where("review_rounds.edition_date", "=", date)
    .orderBy("review_rounds.number")
    .execute();
  if (rounds.length === 0) return [];
  const comments = await db
    .selectFrom("review_comments")
    .innerJoin("users as author", "author.id", "review_comments.author_id")
    .leftJoin("users as answerer", "answerer.id", "review_comments.answered_by")
    .selectAll("review_comments")
    .select(["author.name as author", "answerer.name as answerer"])
    .where(
      "round_id",
      "in",
      rounds.map((r) => r.id),
    )
    .orderBy("review_comments.id")
    .execute();
  return rounds.map((r) => ({
    id: r.id,
    number: r.number,
    openedBy: r.opener,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    comments: comments
      .filter((c) => c.round_id === r.id)
      .map((c) => ({
        id: c.id,
        itemKey: c.item_key,
        author: c.author,
        body: c.body,
        createdAt: c.created_at,
        answer: c.answer,
        answeredBy: c.answerer,
        answeredAt: c.answered_at,
      })),
  }));
}

/** Ids of the edition's comments not yet answered, over all its rounds. */
export async function unansweredCommentIds(
  db: WorkflowDb,
  townshipId: number,
  date: string,
): Promise<number[]> {
  const rows = await db
    .selectFrom("review_comments")
    .innerJoin("review_rounds", "review_rounds.id", "review_comments.round_id")
    .select("review_comments.id")
    .where("review_rounds.township_id", "=", townshipId)
    .where("review_rounds.edition_date", "=", date)
    .where("review_comments.answer", "is", null)
    .execute();
  return rows.map((r) => r.id);
}

/** Closes now every round of the edition still open. */
export async function closeOpenRounds(db: WorkflowDb, townshipId: number, date: string): Promise<void> {
  await db
    .updateTable("review_rounds")
    .set({ closed_at: new Date().toISOString() })
    .where("township_id", "=", townshipId)
    .where("edition_date", "=", date)
    .where("closed_at", "is", null)
    .execute();
}

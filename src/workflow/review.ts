/**
 * Review rounds (三上三下): the admin sends a draft out (it goes into review and a round opens); the
 * township and the departments comment on items; the admin answers each comment and revises; rounds are
 * closed and opened again, and every round is kept.
 */
import { SqlDutyStore } from "../store/index.ts";
import { storeDb, type WorkflowDb } from "../store/workflow-schema.ts";
import { inTransaction } from "../store/workflow-transaction.ts";
import { requireCommentOn, requireReadEdition, requireRole } from "./access.ts";
import { appendAudit } from "./audit.ts";
import { requireEdition, transition } from "./editions.ts";
import { conflict, invalid, missing } from "./errors.ts";
import type { TownshipRef } from "./places.ts";
import type { Principal } from "./principal.ts";

export interface CommentView {
  id: number;
  itemKey: string;
  author: string;
  body: string;
  createdAt: string;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
}

export interface RoundView {
  id: number;
  number: number;
  openedBy: string;
  openedAt: string;
  closedAt: string | null;
  comments: CommentView[];
}

/** Opens the next review round of a working draft (putting a draft into review first). */
export async function openRound(
  db: WorkflowDb,
  principal: Principal | null,
  township: TownshipRef,
  date: string,
): Promise<RoundView> {
  const admin = requireRole(principal, "admin");
  const id = await inTransaction(db, async (trx) => {
    const edition = await requireEdition(trx, new SqlDutyStore(storeDb(trx)), township, date);
    if (edition.status === "draft") await transition(trx, edition, "review", admin.name);
    else if (edition.status !== "review") throw conflict("只有草稿或审核中的清单可以征求意见");
    const rounds = await trx
      .selectFrom("review_rounds")
      .select(["number", "closed_at"])
      .where("township_id", "=", township.id)
      .where("edition_date", "=", date)
      .execute();
    if (rounds.some((r) => r.closed_at === null)) throw conflict("上一轮征求意见尚未结束");
    const number = rounds.reduce((n, r) => Math.max(n, r.number), 0) + 1;
    const { id } = await trx
      .insertInto("review_rounds")
      .values({
        township_id: township.id,
        edition_date: date,
        number,
        opened_by: admin.id,
        opened_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actor: admin.name,
      action: "review.open",
      subject: `edition:${township.name}/${date}`,
      after: { round: number },
    });
    return id;
  });
  return (await roundsOf(db, township.id, date)).find((r) => r.id === id)!;
}

/** Closes the open round. */
export async function closeRound(
  db: WorkflowDb,
  principal: Principal | null,
  township: TownshipRef,
  date: string,
) {
  const admin = requireRole(principal, "admin");
  await inTransaction(db, async (trx) => {
    const open = await trx
      .selectFrom("review_rounds")
      .select(["id", "number"])
      .where("township_id", "=", township.id)
      .where("edition_date", "=", date)
      .where("closed_at", "is", null)
      .executeTakeFirst();
    if (!open) throw conflict("没有正在进行的征求意见轮次");
    await trx
      .updateTable("review_rounds")
      .set({ closed_at: new Date().toISOString() })
      .where("id", "=", open.id)
      .execute();
    await appendAudit(trx, {
      actor: admin.name,
      action: "review.close",
      subject: `edition:${township.name}/${date}`,
      after: { round: open.number },
    });
  });
}

async function roundOf(db: WorkflowDb, roundId: number) {
  const round = await db
    .selectFrom("review_rounds")
    .innerJoin("townships", "townships.id", "review_rounds.township_id")
    .selectAll("review_rounds")
    .select("townships.name as township")
    .where("review_rounds.id", "=", roundId)
    .executeTakeFirst();
  if (!round) throw missing(`没有第 ${roundId} 轮征求意见`);
  return round;
}

/** A comment on an item (or on the whole draft, itemKey "") in an open round. */
export async function addComment(
  db: WorkflowDb,
  store: SqlDutyStore,
  principal: Principal | null,
  roundId: number,
  itemKey: string,
  body: string,
): Promise<number> {
  const round = await roundOf(db, roundId);
  const who = requireCommentOn(principal, round.township_id);
  const edition = await db
    .selectFrom("editions")
    .select(["id", "status", "township_id"])
    .where("township_id", "=", round.township_id)
    .where("date", "=", round.edition_date)
    .executeTakeFirstOrThrow();
  requireReadEdition(who, { status: edition.status, townshipId: edition.township_id });
  if (round.closed_at) throw conflict("本轮征求意见已结束");
  const text = body.trim();
  if (!text) throw invalid("请填写意见");
  if (text.length > 5000) throw invalid("意见最多 5000 字");
  if (itemKey && !/^(basic|cooperative|reclaimed):\d+$/.test(itemKey))
    throw invalid("事项编号格式应为 清单:序号");
  if (itemKey) {
    const stored = await store.getEditionById(edition.id);
    if (!stored?.draft.items.some((i) => `${i.list}:${i.number}` === itemKey))
      throw invalid(`草稿中没有事项 ${itemKey}`);
  }
  return inTransaction(db, async (trx) => {
    const { id } = await trx
      .insertInto("review_comments")
      .values({
        round_id: roundId,
        item_key: itemKey,
        author_id: who.id,
        body: text,
        created_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actor: who.name,
      action: "review.comment",
      subject: `edition:${round.township}/${round.edition_date}`,
      after: { round: round.number, comment: id, item: itemKey || null, body: text },
    });
    return id;
  });
}

/** The admin answers a comment (once; a later answer replaces it only while the round is open). */
export async function answerComment(
  db: WorkflowDb,
  principal: Principal | null,
  commentId: number,
  answer: string,
) {
  const admin = requireRole(principal, "admin");
  const text = answer.trim();
  if (!text) throw invalid("请填写答复");
  const comment = await db
    .selectFrom("review_comments")
    .selectAll()
    .where("id", "=", commentId)
    .executeTakeFirst();
  if (!comment) throw missing(`没有第 ${commentId} 条意见`);
  const round = await roundOf(db, comment.round_id);
  if (round.closed_at && comment.answer !== null) throw conflict("本轮已结束，答复不能再改");
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable("review_comments")
      .set({ answer: text, answered_by: admin.id, answered_at: new Date().toISOString() })
      .where("id", "=", commentId)
      .execute();
    await appendAudit(trx, {
      actor: admin.name,
      action: "review.answer",
      subject: `edition:${round.township}/${round.edition_date}`,
      before: { answer: comment.answer },
      after: { comment: commentId, answer: text },
    });
  });
}

/** Every round of an edition with its comments, oldest first. */
export async function roundsOf(db: WorkflowDb, townshipId: number, date: string): Promise<RoundView[]> {
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

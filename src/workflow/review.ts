/**
 * Review rounds (三上三下): the admin sends a draft out (it goes into review and a round opens); the
 * township and the departments comment on items; the admin answers each comment and revises; rounds are
 * closed and opened again, and every round is kept.
 */
import { SqlDutyStore } from "../store/index.ts";
import { editionHeadAt } from "../store/places.ts";
import {
  type CommentRecord,
  closeRoundNow,
  commentById,
  insertComment,
  insertRound,
  openRoundOf,
  type RoundRecord,
  roundById,
  roundNumbersOf,
  roundRecordsOf,
  setCommentAnswer,
} from "../store/review-rounds.ts";
import { storeDb, type WorkflowDb } from "../store/workflow-schema.ts";
import { inTransaction } from "../store/workflow-transaction.ts";
import { requireCommentOn, requireReadEdition, requireRole } from "./access.ts";
import { appendAudit } from "./audit.ts";
import { requireEdition, transition } from "./editions.ts";
import { conflict, invalid, missing } from "./errors.ts";
import type { TownshipRef } from "./places.ts";
import type { Principal } from "./principal.ts";

export type CommentView = CommentRecord;
export type RoundView = RoundRecord;

/**
 * The round rule: a new round may open only when every earlier round of the edition is closed; it takes the
 * next number (1 for the first).
 */
export function nextRoundNumber(rounds: { number: number; closed_at: string | null }[]): number {
  if (rounds.some((r) => r.closed_at === null)) throw conflict("上一轮征求意见尚未结束");
  return rounds.reduce((n, r) => Math.max(n, r.number), 0) + 1;
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
    const number = nextRoundNumber(await roundNumbersOf(trx, township.id, date));
    const id = await insertRound(trx, { townshipId: township.id, date, number, openedBy: admin.id });
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
    const open = await openRoundOf(trx, township.id, date);
    if (!open) throw conflict("没有正在进行的征求意见轮次");
    await closeRoundNow(trx, open.id);
    await appendAudit(trx, {
      actor: admin.name,
      action: "review.close",
      subject: `edition:${township.name}/${date}`,
      after: { round: open.number },
    });
  });
}

async function roundOf(db: WorkflowDb, roundId: number) {
  const round = await roundById(db, roundId);
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
  const edition = await editionHeadAt(db, round.township_id, round.edition_date);
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
    const id = await insertComment(trx, { roundId, itemKey, authorId: who.id, body: text });
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
  const comment = await commentById(db, commentId);
  if (!comment) throw missing(`没有第 ${commentId} 条意见`);
  const round = await roundOf(db, comment.round_id);
  if (round.closed_at && comment.answer !== null) throw conflict("本轮已结束，答复不能再改");
  await inTransaction(db, async (trx) => {
    await setCommentAnswer(trx, commentId, text, admin.id);
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
export function roundsOf(db: WorkflowDb, townshipId: number, date: string): Promise<RoundView[]> {
  return roundRecordsOf(db, townshipId, date);
}

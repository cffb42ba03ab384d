/**
 * Precedents as decisions (issue 10): an admin or a township user confirms or corrects a check result, an
 * admin decides an admission request, or an admin imports a file of them. Each is stored for the county
 * with who and when, in the same transaction as its audit entry.
 */
import { z } from "zod";
import { type EditionDraft, LIST_KINDS, LIST_LABELS, type ListKind } from "../domain/edition.ts";
import { MAX_PRECEDENT_CHARS } from "../domain/precedent.ts";
import { Refusal } from "../domain/refusal.ts";
import { VERDICTS, type Verdict } from "../domain/verdict.ts";
import {
  countiesOfTownships,
  countyOfEdition,
  insertPrecedents,
  type NewPrecedent,
} from "../store/precedents.ts";
import { markCheckDecision } from "../store/saved-checks.ts";
import type { PrecedentSource } from "../store/schema.ts";
import type { StoredEdition } from "../store/types.ts";
import { storeDb, type WorkflowDb } from "../store/workflow-schema.ts";
import { inTransaction } from "../store/workflow-transaction.ts";
import { appendAudit } from "./audit.ts";
import type { Principal } from "./principal.ts";

/** A decided answer as the form, the API and import files give it. */
export const DecidedAnswer = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, "任务内容为空")
      .max(MAX_PRECEDENT_CHARS, `任务内容最多 ${MAX_PRECEDENT_CHARS} 字`),
    verdict: z.enum(VERDICTS, { error: `verdict 应为 ${VERDICTS.join("、")} 之一` }),
    list: z
      .enum(LIST_KINDS, { error: `list 应为 ${LIST_KINDS.join("、")} 之一` })
      .nullable()
      .optional(),
    number: z.coerce.number().int().positive("number 应为正整数").nullable().optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.verdict === "unlisted") {
      if (a.list || a.number) ctx.addIssue({ code: "custom", message: "清单外事项不应指明 list 与 number" });
    } else if (a.list !== a.verdict || !a.number) {
      ctx.addIssue({ code: "custom", message: `结论为 ${a.verdict} 时须给出 list（${a.verdict}）与 number` });
    }
  });
export type DecidedAnswer = z.infer<typeof DecidedAnswer>;

/** The item an answer names, with its name in the edition; refused when the edition has no such item. */
export function resolveItem(
  draft: EditionDraft,
  answer: { verdict: Verdict; list?: ListKind | null; number?: number | null },
): { list: ListKind; number: number; name: string } | null {
  if (answer.verdict === "unlisted" || !answer.list || !answer.number) return null;
  const found = draft.items.find((i) => i.list === answer.list && i.number === answer.number);
  if (!found)
    throw new Refusal(
      "invalid",
      `${draft.township}的清单中没有${LIST_LABELS[answer.list]}第 ${answer.number} 项`,
    );
  return { list: found.list, number: found.number, name: found.name };
}

/** Stores precedents with one audit entry each, all or none. */
export function storePrecedents(db: WorkflowDb, actor: string, rows: NewPrecedent[]): Promise<number[]> {
  return inTransaction(db, async (trx) => {
    const ids = await insertPrecedents(storeDb(trx), rows);
    for (const [i, r] of rows.entries()) {
      await appendAudit(trx, {
        actor,
        action: `precedent.${r.source}`,
        subject: `precedent:${ids[i]}`,
        after: {
          countyId: r.countyId,
          text: r.text,
          verdict: r.verdict,
          item: r.item,
          decidedAt: r.decidedAt,
        },
      });
    }
    return ids;
  });
}

/** The saved check a decision was made on, and the task's place there (task-N of a notice, row-N of a sheet). */
export interface DecisionPlace {
  checkId: string;
  place: string;
}

/**
 * An admin, or a user of the edition's township, confirms or corrects a check result of that edition;
 * made on a saved check's task (`on`), that task is marked decided with it. The precedent, its audit entry
 * and the mark are stored together or not at all. Returns the new precedent's id.
 */
export async function recordCheckDecision(
  db: WorkflowDb,
  principal: Principal | null,
  edition: StoredEdition,
  raw: unknown,
  action: "confirmation" | "correction",
  now = new Date(),
  on?: DecisionPlace,
): Promise<number> {
  if (!principal) throw new Refusal("unauthenticated", "请先登录。");
  const ownTownship = principal.role === "township" && principal.townshipId === edition.townshipId;
  if (principal.role !== "admin" && !ownTownship)
    throw new Refusal("forbidden", "只有管理员或本乡镇用户可以确认或纠正核验结论。");
  const parsed = DecidedAnswer.safeParse(raw);
  if (!parsed.success) throw new Refusal("invalid", parsed.error.issues.map((i) => i.message).join("；"));
  const countyId = await countyOfEdition(storeDb(db), edition.id);
  if (countyId === undefined) throw new Refusal("not-found", "没有这份清单");
  const answer = parsed.data;
  const decided = {
    countyId,
    text: answer.text,
    verdict: answer.verdict,
    item: resolveItem(edition.draft, answer),
    source: action satisfies PrecedentSource,
    decidedBy: principal.name,
    decidedAt: now.toISOString(),
  };
  return inTransaction(db, async (trx) => {
    const [id] = await storePrecedents(trx, principal.name, [decided]);
    if (on)
      await markCheckDecision(storeDb(trx), on.checkId, {
        place: on.place,
        precedentId: id!,
        decidedAt: decided.decidedAt,
      });
    return id!;
  });
}

/**
 * The precedents an admission decision makes: the request's task with the decided verdict (an override
 * confirms reclaimed with its item; an approval or a rejection confirms unlisted), one per county of its
 * townships.
 */
export async function admissionPrecedents(
  db: WorkflowDb,
  request: { task: string; townships: { townshipId: number; result: { item: ResultItem | null } }[] },
  verdict: "reclaimed" | "unlisted",
  decidedBy: string,
  decidedAt: string,
): Promise<NewPrecedent[]> {
  const counties = await countiesOfTownships(
    storeDb(db),
    request.townships.map((t) => t.townshipId),
  );
  const byCounty = new Map<number, NewPrecedent>();
  for (const t of request.townships) {
    const countyId = counties.get(t.townshipId);
    if (countyId === undefined) continue;
    const item = verdict === "reclaimed" && t.result.item?.list === "reclaimed" ? t.result.item : null;
    const known = byCounty.get(countyId);
    if (known && (known.item || !item)) continue;
    if (verdict === "reclaimed" && !item) continue;
    byCounty.set(countyId, {
      countyId,
      text: request.task,
      verdict,
      item: item ? { list: item.list, number: item.number, name: item.name } : null,
      source: "admission",
      decidedBy,
      decidedAt,
    });
  }
  return [...byCounty.values()];
}

type ResultItem = { list: ListKind; number: number; name: string };

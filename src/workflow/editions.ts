/**
 * Editions' lifecycle: draft → review → published → superseded, and nothing else. A working draft is a
 * copy of the published edition that accepted proposals change; it is rewritten whole through the store
 * (so its id changes) and is named by township and date, which do not.
 */
import type { EditionDraft } from "../domain/edition.ts";
import { type EditionStatus, SqlDutyStore, type StoredEdition } from "../store/index.ts";
import { editionIdAt } from "../store/places.ts";
import { closeOpenRounds, unansweredCommentIds } from "../store/review-rounds.ts";
import {
  editionDatesOf,
  publishedEditionHeads,
  redateEdition,
  setEditionStatus,
} from "../store/workflow-editions.ts";
import { storeDb, type WorkflowDb } from "../store/workflow-schema.ts";
import { inTransaction } from "../store/workflow-transaction.ts";
import { requireRole } from "./access.ts";
import { appendAudit } from "./audit.ts";
import { conflict, invalid, missing, WorkflowError } from "./errors.ts";
import { editionAt, publishedEdition, type TownshipRef, workingEdition } from "./places.ts";
import { type PublishProblem, prepublishProblems } from "./prepublish.ts";
import type { Principal } from "./principal.ts";

/** The only transitions an edition may make. */
export const TRANSITIONS: Record<EditionStatus, EditionStatus[]> = {
  draft: ["review"],
  review: ["published"],
  published: ["superseded"],
  superseded: [],
};

/** Thrown when publishing is blocked; `problems` lists them per item. */
export class PublishBlocked extends WorkflowError {
  constructor(readonly problems: PublishProblem[]) {
    super(
      409,
      `清单有 ${problems.length} 处问题，不能发布：${problems
        .slice(0, 3)
        .map((p) => `${p.name}：${p.message}`)
        .join("；")}`,
      { problems },
    );
  }
}

function today(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10); // China Standard Time
}

/** Moves an edition to a new status, if the lifecycle allows it (audited). */
export async function transition(
  db: WorkflowDb,
  edition: StoredEdition,
  to: EditionStatus,
  actor: string,
): Promise<void> {
  if (!TRANSITIONS[edition.status].includes(to)) {
    throw conflict(`清单状态不能从“${edition.status}”变为“${to}”`);
  }
  await setEditionStatus(db, edition.id, to);
  await appendAudit(db, {
    actor,
    action: `edition.${to === "review" ? "submit" : to === "published" ? "publish" : "supersede"}`,
    subject: `edition:${edition.township}/${edition.date}`,
    before: { status: edition.status },
    after: { status: to },
  });
}

/** The township's working draft, made now from its published edition if it has none. */
export async function ensureDraft(
  db: WorkflowDb,
  township: TownshipRef,
  actor: string,
  now = new Date(),
): Promise<StoredEdition> {
  const store = new SqlDutyStore(storeDb(db));
  const working = await workingEdition(db, store, township.id);
  if (working) return working;
  const base = await publishedEdition(db, store, township.id);
  if (!base) throw conflict(`${township.name}还没有已发布的清单，无法起草调整`);
  let date = today(now);
  const taken = new Set(await editionDatesOf(db, township.id));
  for (let d = 1; taken.has(date); d++) date = today(new Date(now.getTime() + d * 86_400_000));
  const draft: EditionDraft = { ...base.draft, date };
  const id = await store.saveEdition(draft, {
    status: "draft",
    sourceFile: `调整自 ${base.date} 版`,
    warnings: [],
  });
  await appendAudit(db, {
    actor,
    action: "edition.draft",
    subject: `edition:${township.name}/${date}`,
    after: { editionId: id, from: base.date },
  });
  return (await store.getEditionById(id))!;
}

/** Rewrites a working draft's items, keeping its status, township and date. Returns the new id. */
export async function rewriteDraft(
  db: WorkflowDb,
  edition: StoredEdition,
  draft: EditionDraft,
): Promise<number> {
  if (edition.status !== "draft" && edition.status !== "review") throw conflict("只能修改草稿或审核中的清单");
  return new SqlDutyStore(storeDb(db)).saveEdition(
    { ...draft, date: edition.date },
    { replace: true, status: edition.status, sourceFile: edition.sourceFile, warnings: edition.warnings },
  );
}

/** Finds an edition by township and date; 404 otherwise. */
export async function requireEdition(
  db: WorkflowDb,
  store: SqlDutyStore,
  township: TownshipRef,
  date: string,
): Promise<StoredEdition> {
  const edition = await editionAt(db, store, township.id, date);
  if (!edition) throw missing(`未找到${township.name} ${date} 版清单`);
  return edition;
}

/**
 * Publishes an edition in review: the pre-publish checks must pass; the township's published edition
 * becomes superseded (still readable). With `fromDraft`, a draft is first put in review (the CLI's path
 * for imported drafts), each step audited.
 */
export async function publishEdition(
  db: WorkflowDb,
  _store: SqlDutyStore,
  principal: Principal | null,
  township: TownshipRef,
  date: string,
  options: { fromDraft?: boolean; actor?: string; effectiveDate?: string } = {},
): Promise<{ published: number; superseded: number[]; date: string }> {
  const actor = options.actor ?? requireRole(principal, "admin").name;
  if (!options.actor) requireRole(principal, "admin");
  return inTransaction(db, async (trx) => {
    const edition = await requireEdition(trx, new SqlDutyStore(storeDb(trx)), township, date);
    const problems = prepublishProblems(edition.draft);
    if (problems.length > 0) throw new PublishBlocked(problems);
    const open = await unansweredCommentIds(trx, township.id, date);
    if (open.length > 0) throw conflict(`还有 ${open.length} 条审核意见未答复，不能发布`);
    if (edition.status === "draft" && options.fromDraft) {
      await transition(trx, edition, "review", actor);
      edition.status = "review";
    }
    if (!TRANSITIONS[edition.status].includes("published")) {
      throw conflict(`只有审核中的清单可以发布（当前：${edition.status}）`);
    }
    const effective = options.effectiveDate ? checkDate(options.effectiveDate) : date;
    if (effective !== date) await redate(trx, township, edition, effective, actor);
    const previous = await publishedEditionHeads(trx, township.id);
    for (const p of previous) {
      const stored = await new SqlDutyStore(storeDb(trx)).getEditionById(p.id);
      await transition(trx, stored!, "superseded", actor);
    }
    await transition(trx, edition, "published", actor);
    await closeOpenRounds(trx, township.id, effective);
    return { published: edition.id, superseded: previous.map((p) => p.id), date: effective };
  });
}

/** Gives an edition the date it takes effect from, carrying its rounds and proposals along (audited). */
async function redate(
  db: WorkflowDb,
  township: TownshipRef,
  edition: StoredEdition,
  date: string,
  actor: string,
): Promise<void> {
  const taken = await editionIdAt(db, township.id, date);
  if (taken !== undefined) throw conflict(`${township.name}已有 ${date} 版清单，生效日期不能重复`);
  await redateEdition(db, township.id, edition.id, edition.date, date);
  await appendAudit(db, {
    actor,
    action: "edition.effective_date",
    subject: `edition:${township.name}/${edition.date}`,
    before: { date: edition.date },
    after: { date },
  });
  edition.date = date;
}

/** Validates an edition date as the documents write it. */
export function checkDate(date: string): string {
  if (!/^\d{4}-\d{2}(-\d{2})?$/.test(date)) throw invalid(`日期应为 YYYY-MM 或 YYYY-MM-DD：${date}`);
  return date;
}

/**
 * Editions' lifecycle: draft → review → published → superseded, and nothing else. A working draft is a
 * copy of the published edition that accepted proposals change; it is rewritten whole through the store
 * (so its id changes) and is named by township and date, which do not.
 */
import type { EditionDraft } from "../domain/edition.ts";
import { type EditionStatus, SqlDutyStore, type StoredEdition } from "../store/index.ts";
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
  await db.updateTable("editions").set({ status: to }).where("id", "=", edition.id).execute();
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
  const taken = new Set(
    (await db.selectFrom("editions").select("date").where("township_id", "=", township.id).execute()).map(
      (r) => r.date,
    ),
  );
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
    const open = await trx
      .selectFrom("review_comments")
      .innerJoin("review_rounds", "review_rounds.id", "review_comments.round_id")
      .select("review_comments.id")
      .where("review_rounds.township_id", "=", township.id)
      .where("review_rounds.edition_date", "=", date)
      .where("review_comments.answer", "is", null)
      .execute();
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
    const previous = await trx
      .selectFrom("editions")
      .select(["id", "date"])
      .where("township_id", "=", township.id)
      .where("status", "=", "published")
      .execute();
    for (const p of previous) {
      const stored = await new SqlDutyStore(storeDb(trx)).getEditionById(p.id);
      await transition(trx, stored!, "superseded", actor);
    }
    await transition(trx, edition, "published", actor);
    await trx
      .updateTable("review_rounds")
      .set({ closed_at: new Date().toISOString() })
      .where("township_id", "=", township.id)
      .where("edition_date", "=", effective)
      .where("closed_at", "is", null)
      .execute();
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
  const taken = await db
    .selectFrom("editions")
    .select("id")
    .where("township_id", "=", township.id)
    .where("date", "=", date)
    .executeTakeFirst();
  if (taken) throw conflict(`${township.name}已有 ${date} 版清单，生效日期不能重复`);
  await db.updateTable("editions").set({ date }).where("id", "=", edition.id).execute();
  for (const table of ["review_rounds", "proposals"] as const) {
    await db
      .updateTable(table)
      .set({ edition_date: date })
      .where("township_id", "=", township.id)
      .where("edition_date", "=", edition.date)
      .execute();
  }
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

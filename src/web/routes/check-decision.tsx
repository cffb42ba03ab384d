/** @jsxImportSource hono/jsx */
/**
 * Precedents on the check page: the county's precedents for the check (loaded from the store);
 * POST /t/:township/check/decision — an admin or a user of the township confirms (确认) or corrects (纠正)
 * one result, which is stored as a precedent and audited, then the task is shown checked again (with the
 * whole notice it came from when the form names its saved check and the user may read it; a task sheet's
 * saved check is shown again as the sheet's rows); and
 * GET /api/v1/t/:township/precedents — the county's precedents, those set aside for review marked.
 */
import type { Context, Hono } from "hono";
import { z } from "zod";
import type { Precedent } from "../../domain/precedent.ts";
import { Refusal } from "../../domain/refusal.ts";
import { VERDICT_LABELS } from "../../domain/verdict.ts";
import { editionItems, precedentApplies } from "../../match/index.ts";
import { SAVED_CHECK_ID, savedCheck } from "../../store/saved-checks.ts";
import type { StoredEdition } from "../../store/types.ts";
import { recordCheckDecision } from "../../workflow/precedents.ts";
import { canReadSavedCheck } from "../../workflow/saved-checks.ts";
import { safeParseBody } from "../auth/body.ts";
import { dbOf, principalOf, sqlStore } from "../auth/context.ts";
import { csrfToken, requireCsrf } from "../auth/csrf.tsx";
import { type CheckRecord, type SheetOrigin, savedCheckRecord } from "../check-cards.ts";
import type { WebContext } from "../context.ts";
import { choice, invalidInput, optionalCount, textField } from "../input.ts";
import { PrecedentCache } from "../precedent-cache.ts";
import { shownAnswer } from "../views/check-decision.tsx";

/**
 * The precedents of the edition's county (none when the store is not a SQL store). `revision`: the
 * precedents' revision read with the edition (LoadedEdition), which spares the cache reading it again.
 */
export async function precedentsFor(
  web: WebContext,
  edition: StoredEdition,
  revision?: number,
): Promise<Precedent[]> {
  const store = sqlStore(web);
  if (!store) return [];
  let cache = precedentCaches.get(web);
  if (!cache) {
    cache = new PrecedentCache(store.db);
    precedentCaches.set(web, cache);
  }
  return cache.forEdition(edition, revision);
}

/** One cache of precedents per app (checks no longer read them from the database each time). */
const precedentCaches = new WeakMap<WebContext, PrecedentCache>();

/** The 确认/纠正 form's token when the signed-in user may decide results of this edition, else null. */
export function decisionAccess(c: Context, edition: StoredEdition): { csrf: string } | null {
  const who = principalOf(c);
  const may =
    who && (who.role === "admin" || (who.role === "township" && who.townshipId === edition.townshipId));
  return may ? { csrf: csrfToken(c) } : null;
}

/** The 确认/纠正 form: the task, the decided verdict and (for a listed verdict) the item's number. */
const DecisionForm = z.object({
  action: choice(["confirm", "correct"] as const),
  text: textField(30_000),
  verdict: choice(["basic", "cooperative", "reclaimed", "unlisted"] as const),
  number: optionalCount(),
  from: textField(32),
  shown: textField(40),
});

/** The task alone, read again when the rest of the form is refused (to show it checked again). */
const DecisionText = z.object({ text: textField(30_000), from: textField(32) });

/**
 * The answer to a decision is a page at /t/:township/check/decision: opened again by GET (reload, history,
 * a bookmark) it leads to the check page. Mounted before itemRoutes, whose /t/:township/:list/:number
 * has the same shape.
 */
export const decisionAddressRoutes = (app: Hono): void => {
  app.get("/t/:township/check/decision", (c) =>
    c.redirect(`/t/${encodeURIComponent(c.req.param("township"))}/check`, 303),
  );
};

/** The form's fields as the page names them, for a refused decision's message. */
const FIELD_LABELS: Record<string, string> = {
  number: "事项序号",
  verdict: "结论",
  action: "操作",
  text: "任务",
};

/**
 * Registers the decision route; `render` shows the check page for a text after the decision is stored.
 * The form sends text, verdict, number and action (confirm | correct); list follows from the verdict.
 */
export function decisionRoutes(
  app: Hono,
  web: WebContext,
  load: (c: Context, township: string) => Promise<StoredEdition>,
  render: (
    c: Context,
    township: string,
    edition: StoredEdition,
    text: string,
    note: string,
    refused?: boolean,
    from?: string | null,
    /** The task decided on: its card repeats the note, for the form's #task-N lands there. */
    decided?: string,
  ) => Promise<Response>,
  /** Shows a task sheet's saved rows checked again after a decision on one of them (选此项 on a row). */
  renderSheet: (
    c: Context,
    township: string,
    edition: StoredEdition,
    saved: { id: string; record: CheckRecord & { sheet: SheetOrigin } },
    decision: { note: string; refused: boolean; task: string },
  ) => Promise<Response>,
): void {
  app.post("/t/:township/check/decision", requireCsrf, async (c) => {
    const township = c.req.param("township");
    const edition = await load(c, township);
    const store = sqlStore(web);
    if (!store) throw new Refusal("unavailable", "当前数据源不支持记录先例。");
    // The saved check the task came from, when the form names it and the user may read it.
    const originOf = async (from: string): Promise<{ id: string; record: CheckRecord } | null> => {
      if (!SAVED_CHECK_ID.test(from)) return null;
      const saved = await savedCheck(store.db, from);
      if (!saved || saved.townshipId !== edition.townshipId) return null;
      if (!canReadSavedCheck(principalOf(c), saved)) return null;
      return { id: saved.id, record: savedCheckRecord(saved.body) };
    };
    // After a decision the whole notice is shown checked again (the decision form names its saved check),
    // or, for a row of a task sheet, the sheet's rows.
    const show = async (task: string, from: string, message: string, refused: boolean) => {
      const origin = from ? await originOf(from) : null;
      const sheet = origin?.record.sheet;
      if (origin && sheet) {
        const decision = { note: message, refused, task };
        return renderSheet(
          c,
          township,
          edition,
          { id: origin.id, record: { ...origin.record, sheet } },
          decision,
        );
      }
      const notice = origin?.record.text || null;
      return render(c, township, edition, notice ?? task, message, refused, notice ? from : null, task);
    };
    // A refused decision comes back as the check page: the task checked again, the message in words.
    const refuse = async (text: string, from: string, message: string) => {
      const res = await show(text, from, message, true);
      return new Response(res.body, { status: 400, headers: res.headers });
    };
    const parsed = await safeParseBody(c, DecisionForm);
    if (!parsed.success) {
      const text = await safeParseBody(c, DecisionText);
      const issue = parsed.error.issues[0];
      const field = FIELD_LABELS[String(issue?.path[0])];
      if (!text.success || !text.data.text || !issue || !field) throw invalidInput(parsed.error);
      return refuse(text.data.text, text.data.from, `${field}${issue.message}。`);
    }
    const form = parsed.data;
    if (form.verdict !== "unlisted" && !form.number)
      return refuse(
        form.text,
        form.from,
        `选择“${VERDICT_LABELS[form.verdict]}”时请填写事项序号（该事项在清单中的序号）。`,
      );
    const answer = {
      text: form.text,
      verdict: form.verdict,
      list: form.verdict === "unlisted" ? null : form.verdict,
      number: form.verdict === "unlisted" ? null : (form.number ?? null),
    };
    // 确认 is the form's default button (Enter in 事项序号 presses it): a changed answer is a correction.
    const changed = form.shown !== "" && form.shown !== shownAnswer(answer.verdict, answer.number);
    const action = form.action === "correct" || changed ? "correction" : "confirmation";
    try {
      await recordCheckDecision(dbOf(store), principalOf(c), edition, answer, action);
    } catch (e) {
      if (e instanceof Refusal && e.code === "invalid") return refuse(answer.text, form.from, e.message);
      throw e;
    }
    const note = `已${action === "correction" ? "纠正" : "确认"}并记录为先例：本县今后核验同类任务将采用这一结论。`;
    return show(answer.text, form.from, note, false);
  });

  app.get("/api/v1/t/:township/precedents", async (c) => {
    const edition = await load(c, c.req.param("township"));
    if (!decisionAccess(c, edition))
      throw new Refusal(
        principalOf(c) ? "forbidden" : "unauthenticated",
        "只有管理员或本乡镇用户可以查看先例。",
      );
    const items = editionItems(edition.draft);
    const precedents = (await precedentsFor(web, edition)).map((p) => ({
      ...p,
      // Set aside: a later edition removed or moved its item; never applied, listed here for review.
      setAside: !precedentApplies(items, p),
    }));
    return c.json({ county: edition.county, edition: { id: edition.id, date: edition.date }, precedents });
  });
}

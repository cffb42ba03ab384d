/** @jsxImportSource hono/jsx */
/**
 * Precedents on the check page: the county's precedents for the check (loaded from the store);
 * POST /t/:township/check/decision — an admin or a user of the township confirms (确认) or corrects (纠正)
 * one result, which is stored as a precedent and audited, then answers 303 to the decision's address,
 * where GET shows the task checked again (with the whole notice it came from when the form names its saved
 * check; a task sheet's saved check is shown again as the sheet's rows; see ../check-decided.ts); and
 * GET /api/v1/t/:township/check/decision — that page's JSON twin (decided-json.ts); and
 * GET /api/v1/t/:township/precedents — the county's precedents, those set aside for review marked.
 */
import type { Context, Hono } from "hono";
import { z } from "zod";
import type { Precedent } from "../../domain/precedent.ts";
import { Refusal } from "../../domain/refusal.ts";
import { VERDICT_LABELS } from "../../domain/verdict.ts";
import { editionItems, precedentApplies } from "../../match/index.ts";
import { countyOfEdition, precedentById } from "../../store/precedents.ts";
import { SAVED_CHECK_ID, savedCheck } from "../../store/saved-checks.ts";
import type { StoredEdition } from "../../store/types.ts";
import { recordCheckDecision } from "../../workflow/precedents.ts";
import { canReadSavedCheck } from "../../workflow/saved-checks.ts";
import { safeParseBody } from "../auth/body.ts";
import { dbOf, principalOf, sqlStore } from "../auth/context.ts";
import { csrfToken, requireCsrf } from "../auth/csrf.tsx";
import { type CheckRecord, type SheetOrigin, savedCheckRecord } from "../check-cards.ts";
import {
  type DecidedData,
  type DecisionOrigin,
  decidedHref,
  decidedNote,
  placeName,
  placeOf,
  placesOf,
  TASK_ANCHOR,
} from "../check-decided.ts";
import type { WebContext } from "../context.ts";
import { decidedJson } from "../decided-json.ts";
import { choice, invalidInput, optionalCount, parseQuery, textField } from "../input.ts";
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
  /** The task's place in the saved check (task-N, row-N); blank: its first task of that wording. */
  at: textField(12).refine((v) => !v || TASK_ANCHOR.test(v), { message: "应为 task-N 或 row-N" }),
  shown: textField(40),
});

/** The task alone, read again when the rest of the form is refused (to show it checked again). */
const DecisionText = z.object({ text: textField(30_000), from: textField(32) });

/** The form's fields as the page names them, for a refused decision's message. */
const FIELD_LABELS: Record<string, string> = {
  number: "事项序号",
  verdict: "结论",
  action: "操作",
  text: "任务",
};

/** The address of a decision (check-decided.ts): the saved check checked again, and the precedent stored. */
const DecidedQuery = z.object({
  check: z.string().regex(SAVED_CHECK_ID, { message: "核验单号应为 32 位十六进制数" }).optional(),
  precedent: optionalCount(),
});

/**
 * Registers the decision routes. POST /t/:township/check/decision stores the decision (the form sends
 * text, verdict, number, action = confirm | correct, and the saved check and place it was made on: from,
 * at) and answers 303 to the decision's address (Post/Redirect/Get: a reload repeats nothing); a refused
 * decision is answered 400 with the page again, saying why. GET at that address shows the saved check
 * checked again with the precedent (`render`, or `renderSheet` for a task sheet's rows); opened bare, it
 * leads to the check page. Mounted before itemRoutes, whose /t/:township/:list/:number has the same shape.
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
    /** The task decided on: its card repeats the note, for the address's #task-N lands there. */
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
  const sqlOnly = () => {
    const store = sqlStore(web);
    if (!store) throw new Refusal("unavailable", "当前数据源不支持记录先例。");
    return store;
  };
  /** Only an admin or a user of the edition's township decides, or sees a decision: asked before anything is read. */
  const requireDecider = (c: Context, edition: StoredEdition) => {
    if (decisionAccess(c, edition)) return;
    throw new Refusal(
      principalOf(c) ? "forbidden" : "unauthenticated",
      "只有管理员或本乡镇用户可以确认或纠正核验结论。",
    );
  };
  /**
   * The saved check a decision names (none when `from` is blank): one of this township's the user may
   * read, else not-found (`missing` says so).
   */
  const originOf = async (
    c: Context,
    edition: StoredEdition,
    from: string,
    missing: string,
  ): Promise<DecisionOrigin | null> => {
    if (!from) return null;
    const saved = SAVED_CHECK_ID.test(from) ? await savedCheck(sqlOnly().db, from) : undefined;
    if (!saved || saved.townshipId !== edition.townshipId || !canReadSavedCheck(principalOf(c), saved))
      throw new Refusal("not-found", missing);
    return { id: saved.id, record: savedCheckRecord(saved.body) };
  };
  /**
   * The page of a decision: the whole saved check checked again (a notice's cards, or a task sheet's
   * rows), else the task alone; `note` at the top and on the decided task.
   */
  const show = (
    c: Context,
    edition: StoredEdition,
    origin: DecisionOrigin | null,
    task: string,
    note: string,
    refused: boolean,
  ) => {
    const township = c.req.param("township")!;
    const sheet = origin?.record.sheet;
    if (origin && sheet) {
      const saved = { id: origin.id, record: { ...origin.record, sheet } };
      return renderSheet(c, township, edition, saved, { note, refused, task });
    }
    const notice = origin?.record.text || null;
    return render(c, township, edition, notice ?? task, note, refused, notice ? origin!.id : null, task);
  };
  // A refused decision comes back as the page (status 400): the task checked again, the message in words.
  const refuse = async (
    c: Context,
    edition: StoredEdition,
    origin: DecisionOrigin | null,
    text: string,
    message: string,
  ) => {
    const res = await show(c, edition, origin, text, message, true);
    return new Response(res.body, { status: 400, headers: res.headers });
  };
  const NOT_STORED = "没有这份核验记录（或无权查看），结论未记录：请重新核验后再确认或纠正。";

  app.post("/t/:township/check/decision", requireCsrf, async (c) => {
    const township = c.req.param("township");
    const edition = await load(c, township);
    const store = sqlOnly();
    requireDecider(c, edition);
    const parsed = await safeParseBody(c, DecisionForm);
    if (!parsed.success) {
      const text = await safeParseBody(c, DecisionText);
      const issue = parsed.error.issues[0];
      const field = FIELD_LABELS[String(issue?.path[0])];
      if (!text.success || !text.data.text || !issue || !field) throw invalidInput(parsed.error);
      const origin = await originOf(c, edition, text.data.from, NOT_STORED);
      return refuse(c, edition, origin, text.data.text, `${field}${issue.message}。`);
    }
    const form = parsed.data;
    // The saved check and the task's place in it, before anything is stored: a decision on a task the
    // check does not hold (a made-up row, a check of another township) is refused, and stores nothing.
    const origin = await originOf(c, edition, form.from, NOT_STORED);
    const anchor = origin ? placeOf(origin.record, form.text, form.at) : undefined;
    if (origin && !anchor)
      throw new Refusal(
        "not-found",
        `核验记录中${form.at ? placeName(form.at) : ""}没有这项任务，结论未记录：请重新核验后再确认或纠正。`,
      );
    if (form.verdict !== "unlisted" && !form.number)
      return refuse(
        c,
        edition,
        origin,
        form.text,
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
    // Made on a saved check's task, the decision marks that task decided (its result page says so): the
    // precedent, its audit entry and the mark are stored together or not at all.
    const on = origin && anchor ? { checkId: origin.id, place: anchor } : undefined;
    let precedent: number;
    try {
      precedent = await recordCheckDecision(
        dbOf(store),
        principalOf(c),
        edition,
        answer,
        action,
        new Date(),
        on,
      );
    } catch (e) {
      if (e instanceof Refusal && e.code === "invalid")
        return refuse(c, edition, origin, answer.text, e.message);
      throw e;
    }
    // Post/Redirect/Get: the address is built from what was loaded and stored (the saved check's id, the
    // precedent's, the place found in the record) and the township the edition was loaded by.
    return c.redirect(decidedHref(township, { check: origin?.id ?? null, precedent }, anchor), 303);
  });

  /**
   * The decision's address loaded (one data function for the page and its JSON twin): the edition, after
   * the decider rule; the saved check it names (this township's, readable by the user); the precedent while
   * the store bears it out (this county's, a task of the check) with its task and note; otherwise the saved
   * check alone, said so. Unknown precedent without a saved check: not-found.
   */
  const decidedData = async (c: Context): Promise<DecidedData> => {
    const edition = await load(c, c.req.param("township")!);
    const store = sqlOnly();
    requireDecider(c, edition);
    const asked = parseQuery(c, DecidedQuery);
    if (!asked.precedent) throw new Refusal("invalid", "地址缺少先例编号（precedent）。");
    const origin = await originOf(c, edition, asked.check ?? "", "没有这份核验记录（或无权查看）。");
    const p = await precedentById(store.db, asked.precedent);
    const county = await countyOfEdition(store.db, edition.id);
    const mine = p && p.countyId === county ? p : undefined;
    const task =
      mine &&
      (origin ? placesOf(origin.record).find((pl) => pl.task.trim() === mine.text.trim())?.task : mine.text);
    if (mine && task) return { edition, origin, precedent: mine, task, note: decidedNote(mine.source) };
    if (!origin) throw new Refusal("not-found", `没有第 ${asked.precedent} 号先例（可能已撤销）。`);
    const gone = `这份核验记录中没有第 ${asked.precedent} 号先例的任务（先例可能已撤销）；以下按现有先例重新核验。`;
    return { edition, origin, precedent: null, task: "", note: gone };
  };

  app.get("/t/:township/check/decision", async (c) => {
    // Opened bare (an old bookmark, the address of a form): the check page.
    if (!c.req.query("precedent") && !c.req.query("check"))
      return c.redirect(`/t/${encodeURIComponent(c.req.param("township"))}/check`, 303);
    const d = await decidedData(c);
    return show(c, d.edition, d.origin, d.task, d.note, false);
  });

  app.get("/api/v1/t/:township/check/decision", async (c) => {
    const d = await decidedData(c);
    return c.json(await decidedJson(d, await precedentsFor(web, d.edition)));
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

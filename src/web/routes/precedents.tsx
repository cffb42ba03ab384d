/**
 * 先例 (issue 10 row 4), admins only: the precedents set aside because a later edition removed or moved
 * their item, per county, with the reason for each township, decided again or deleted; and the precedents
 * the checks apply, newest first, filtered by wording (`q`) and PAGE_SIZE to a page (`page`), each one
 * withdrawn (撤销: the same audited delete). GET /admin/precedents (JSON twin /api/v1/admin/precedents);
 * POST /admin/precedents/:id/review and /admin/precedents/:id/delete (JSON twins under
 * /api/v1/admin/precedents/:id/…); a POST is answered with a 303 to the list with the filter and page of
 * its query (Post/Redirect/Get: a reload repeats nothing), `done` and `id` naming what was done, which
 * the page says in one of a fixed set of sentences, and only while the store bears it out.
 * GET /admin/precedents/:id/delete is the step before a delete: the precedent and 确认 / 取消.
 */
import type { Context } from "hono";
import { z } from "zod";
import { Refusal } from "../../domain/refusal.ts";
import { VERDICTS } from "../../domain/verdict.ts";
import { precedentById, precedentsOfCounty, type StoredPrecedent } from "../../store/precedents.ts";
import { newestFirst, precedentReview, redecide, removePrecedent } from "../../workflow/precedent-review.ts";
import type { RouteModule } from "../app.ts";
import { dbOf, principalOf, sqlStore } from "../auth/context.ts";
import { requireCsrf } from "../auth/csrf.tsx";
import { choice, optionalCount, parseBody, parseParams, parseQuery, pathId, textField } from "../input.ts";
import {
  countyNamer,
  decided,
  type PrecedentsView,
  precedentsHref,
  precedentsPage,
  withdrawPage,
} from "../views/precedents-page.tsx";

/** Active precedents on one page. */
export const PAGE_SIZE = 50;

const PrecedentId = z.object({ id: pathId });
const ListQuery = z.object({ q: textField(100), page: optionalCount() });
/** What a redirect after a POST says was done (see doneNote); an unknown `done` is refused. */
const DONE = ["redecided", "withdrawn", "deleted"] as const;
const DoneQuery = z.object({
  done: choice(DONE).optional(),
  id: optionalCount(),
  /** After 撤销: other precedents of the same wording, still applied when withdrawn. */
  also: z
    .string()
    .regex(/^\d{1,9}(,\d{1,9}){0,19}$/, { message: "应为以逗号分隔的先例编号" })
    .optional()
    .transform((v) => (v ? v.split(",").map(Number) : [])),
});
const ReviewForm = z.object({
  township: textField(100).refine((t) => t.length > 0, { message: "请选择乡镇" }),
  verdict: choice(VERDICTS),
  number: optionalCount(),
});

/** Whether a precedent's wording, or its item's name, contains the filter. */
function matches(p: StoredPrecedent, q: string): boolean {
  return !q || p.text.includes(q) || (p.item?.name.includes(q) ?? false);
}

export const precedentRoutes: RouteModule = (app, web) => {
  const store = sqlStore(web);
  if (!store) return;
  const db = dbOf(store);

  /** The page's data (access decided where the precedents are loaded: admins only). */
  const viewOf = async (c: Context): Promise<PrecedentsView> => {
    // Who may look first (a non-admin's bad page is forbidden, not invalid), then what is asked.
    const counties = await precedentReview(store, principalOf(c));
    const { q, page: asked } = parseQuery(c, ListQuery);
    const all = counties.flatMap((county) => county.active).sort(newestFirst);
    const found = all.filter((p) => matches(p, q));
    const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
    const page = Math.min(asked ?? 1, pages);
    return {
      counties,
      active: {
        q,
        page,
        pages,
        pageSize: PAGE_SIZE,
        total: found.length,
        all: all.length,
        rows: found.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
      },
    };
  };

  /**
   * The sentence for `done` after a redirect, from the store, not the address: nothing when what it
   * names is not so (a precedent said withdrawn that is still there, a re-decided one gone since).
   */
  const doneNote = async (c: Context, view: PrecedentsView): Promise<string | undefined> => {
    const { done, id, also } = parseQuery(c, DoneQuery);
    if (!done || !id) return undefined;
    const p = await precedentById(store.db, id);
    if (done === "redecided") return p ? `第 ${p.id} 号先例已重新认定为${decided(p)}。` : undefined;
    if (p) return undefined;
    // A set-aside precedent was not applied: it is deleted (删除), as its page said, not withdrawn.
    if (done === "deleted") return `第 ${id} 号先例已删除。`;
    const active = new Set(view.counties.flatMap((county) => county.active.map((a) => a.id)));
    const still = also.filter((a) => active.has(a)).map((a) => `第 ${a} 号`);
    return still.length
      ? `第 ${id} 号先例已撤销（删除）。同一措辞还有${still.join("、")}先例，核验仍会采用；如也有误，请一并撤销。`
      : `第 ${id} 号先例已撤销（删除），今后核验不再采用。`;
  };
  /** Where a POST sends the browser: the list with the filter and page it came from, and what was done. */
  const doneHref = (c: Context, done: (typeof DONE)[number], id: number, also: number[] = []) => {
    const { q, page } = parseQuery(c, ListQuery);
    const href = precedentsHref(q, page ?? 1);
    const params = new URLSearchParams({ done, id: String(id) });
    if (also.length) params.set("also", also.slice(0, 20).join(","));
    return `${href}${href.includes("?") ? "&" : "?"}${params}`;
  };

  app.get("/admin/precedents", async (c) => {
    const view = await viewOf(c);
    return precedentsPage(c, view, await doneNote(c, view));
  });
  app.get("/api/v1/admin/precedents", async (c) => {
    const { counties, active } = await viewOf(c);
    // Each county's active precedents are counted here; their rows are the page of `active`.
    return c.json({
      counties: counties.map((county) => ({ ...county, active: county.active.length })),
      active,
    });
  });

  const review = async (c: Context) => {
    const { id } = parseParams(c, PrecedentId);
    const form = await parseBody(c, ReviewForm);
    return redecide(db, store, principalOf(c), id, form);
  };
  /** The list again, saying precedent `id` is gone (withdrawn meanwhile, or a form sent twice): 404. */
  const gone = async (c: Context, id: number) => {
    const res = await precedentsPage(c, await viewOf(c), `第 ${id} 号先例已不存在（可能已撤销），未作改动。`);
    return new Response(res.body, { status: 404, headers: res.headers });
  };
  app.post("/admin/precedents/:id/review", requireCsrf, async (c) => {
    // Re-decided after another admin withdrew it: the list, not an error page (gone's viewOf refuses
    // anyone but an admin first, so the answer says nothing of which ids exist).
    const { id } = parseParams(c, PrecedentId);
    if (!(await precedentById(store.db, id))) return gone(c, id);
    const p = await review(c);
    return c.redirect(doneHref(c, "redecided", p.id), 303);
  });
  app.post("/api/v1/admin/precedents/:id/review", requireCsrf, async (c) =>
    c.json({ precedent: await review(c) }),
  );

  // 撤销 / 删除 asks first (GET): the precedent as decided, and what withdrawing it does. Access is
  // decided where the precedents are loaded (admins only); one that is gone answers as the POST does.
  app.get("/admin/precedents/:id/delete", async (c) => {
    const counties = await precedentReview(store, principalOf(c));
    const { id } = parseParams(c, PrecedentId);
    const { q, page } = parseQuery(c, ListQuery);
    const countyName = countyNamer(counties);
    for (const county of counties) {
      const setAside = county.setAside.find((e) => e.precedent.id === id)?.precedent;
      const active = county.active.find((p) => p.id === id);
      const p = setAside ?? active;
      if (p) return withdrawPage(c, p, countyName(county), !!setAside, { q, page: page ?? 1 });
    }
    return gone(c, id);
  });

  const remove = async (c: Context) => {
    const { id } = parseParams(c, PrecedentId);
    await removePrecedent(db, store, principalOf(c), id);
    return id;
  };
  app.post("/admin/precedents/:id/delete", requireCsrf, async (c) => {
    try {
      const { id } = parseParams(c, PrecedentId);
      const withdrawn = await precedentById(store.db, id);
      const counties = await precedentReview(store, principalOf(c));
      const setAside = counties.some((county) => county.setAside.some((e) => e.precedent.id === id));
      await remove(c);
      if (setAside) return c.redirect(doneHref(c, "deleted", id), 303);
      // Another precedent of the same wording in the county (a decision sent twice, or made again)
      // may still be applied: the page says so (doneNote keeps those still active), rather than that
      // the wording no longer is.
      const same = withdrawn
        ? (await precedentsOfCounty(store.db, withdrawn.countyId)).filter((p) => p.text === withdrawn.text)
        : [];
      return c.redirect(
        doneHref(
          c,
          "withdrawn",
          id,
          same.map((p) => p.id),
        ),
        303,
      );
    } catch (e) {
      // 撤销 sent twice (a double click, the form again from history): the list, not an error page.
      if (!(e instanceof Refusal && e.code === "not-found")) throw e;
      return gone(c, parseParams(c, PrecedentId).id);
    }
  });
  app.post("/api/v1/admin/precedents/:id/delete", requireCsrf, async (c) =>
    c.json({ deleted: await remove(c) }),
  );
};

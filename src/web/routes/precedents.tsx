/** @jsxImportSource hono/jsx */
/**
 * 先例复核 (issue 10 row 4): the precedents set aside because a later edition removed or moved their item,
 * per county, with the reason for each township, and a way to decide each one again or delete it. Admins
 * only. GET /admin/precedents (JSON twin /api/v1/admin/precedents); POST /admin/precedents/:id/review and
 * /admin/precedents/:id/delete (JSON twins under /api/v1/admin/precedents/:id/…).
 */
import type { Context } from "hono";
import { z } from "zod";
import { LIST_LABELS } from "../../domain/edition.ts";
import { VERDICT_LABELS, VERDICTS } from "../../domain/verdict.ts";
import {
  type CountyReview,
  precedentReview,
  redecide,
  removePrecedent,
  type SetAsideEntry,
} from "../../workflow/precedent-review.ts";
import type { RouteModule } from "../app.ts";
import { dbOf, principalOf, sqlStore } from "../auth/context.ts";
import { requireCsrf } from "../auth/csrf.tsx";
import { choice, optionalCount, parseBody, parseParams, pathId, textField } from "../input.ts";
import { Form, Notice, when, workflowPage } from "../views/workflow-ui.tsx";

const PrecedentId = z.object({ id: pathId });
const ReviewForm = z.object({
  township: textField(100).refine((t) => t.length > 0, { message: "请选择乡镇" }),
  verdict: choice(VERDICTS),
  number: optionalCount(),
});

const SOURCE_LABELS: Record<string, string> = {
  admission: "准入审核",
  confirmation: "核验确认",
  correction: "核验纠正",
  import: "导入",
  review: "复核",
};

function decided(p: SetAsideEntry["precedent"]): string {
  return p.item
    ? `${LIST_LABELS[p.item.list]}第${p.item.number}项“${p.item.name}”`
    : VERDICT_LABELS[p.verdict];
}

/** One set-aside precedent: what was decided, why each township sets it aside, re-decide and delete. */
function Entry(props: { c: Context; entry: SetAsideEntry; townships: string[] }) {
  const { precedent: p, townships } = props.entry;
  const moved = townships.find((t) => t.reason.movedTo);
  const target = moved ?? townships[0]!;
  const verdict = moved?.reason.movedTo?.list ?? p.verdict;
  const number = moved?.reason.movedTo?.number ?? p.item?.number;
  return (
    <section class="precedent" id={`p${p.id}`}>
      <h3>
        第 {p.id} 号先例 <span class="meta">{SOURCE_LABELS[p.source] ?? p.source}</span>
      </h3>
      <blockquote>{p.text}</blockquote>
      <p>
        原认定：{decided(p)}（{p.decidedBy}，{when(p.decidedAt)}）
      </p>
      <ul class="plain">
        {townships.map((t) => (
          <li>
            {t.township}（{t.edition.date} 版）：{t.reason.text}
          </li>
        ))}
      </ul>
      <Form c={props.c} action={`/admin/precedents/${p.id}/review`} class="redecide">
        <label>
          按乡镇清单{" "}
          <select name="township">
            {props.townships.map((name) => (
              <option value={name} selected={name === target.township}>
                {name}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          结论{" "}
          <select name="verdict">
            {VERDICTS.map((v) => (
              <option value={v} selected={v === verdict}>
                {VERDICT_LABELS[v]}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          事项序号 <input name="number" size={4} inputmode="numeric" value={number ? String(number) : ""} />
        </label>{" "}
        <button type="submit">重新认定</button>
      </Form>
      <Form c={props.c} action={`/admin/precedents/${p.id}/delete`} class="inline">
        <button type="submit">删除此先例</button>
      </Form>
    </section>
  );
}

function reviewPage(c: Context, counties: CountyReview[], notice?: string) {
  const total = counties.reduce((s, c) => s + c.setAside.length, 0);
  return workflowPage(
    c,
    "先例复核",
    <>
      <h1>先例复核</h1>
      <p class="explain">
        后续清单删除或调整了先例所认定的事项时，该先例被搁置、不再用于核验。请逐条按现行清单重新认定，或删除。
      </p>
      {notice ? <Notice kind="ok">{notice}</Notice> : null}
      {total === 0 ? <p class="empty">没有搁置待复核的先例。</p> : null}
      {counties
        .filter((county) => county.setAside.length > 0)
        .map((county) => (
          <>
            <h2>
              {county.county}
              <span class="meta">
                （先例 {county.precedents} 条，搁置待复核 {county.setAside.length} 条）
              </span>
            </h2>
            {county.setAside.map((entry) => (
              <Entry c={c} entry={entry} townships={county.townships} />
            ))}
          </>
        ))}
    </>,
  );
}

export const precedentRoutes: RouteModule = (app, web) => {
  const store = sqlStore(web);
  if (!store) return;
  const db = dbOf(store);

  app.get("/admin/precedents", async (c) => reviewPage(c, await precedentReview(store, principalOf(c))));
  app.get("/api/v1/admin/precedents", async (c) =>
    c.json({ counties: await precedentReview(store, principalOf(c)) }),
  );

  const review = async (c: Context) => {
    const { id } = parseParams(c, PrecedentId);
    const form = await parseBody(c, ReviewForm);
    return redecide(db, store, principalOf(c), id, form);
  };
  app.post("/admin/precedents/:id/review", requireCsrf, async (c) => {
    const p = await review(c);
    const note = `第 ${p.id} 号先例已重新认定为${decided({ ...p, source: p.source })}。`;
    return reviewPage(c, await precedentReview(store, principalOf(c)), note);
  });
  app.post("/api/v1/admin/precedents/:id/review", requireCsrf, async (c) =>
    c.json({ precedent: await review(c) }),
  );

  const remove = async (c: Context) => {
    const { id } = parseParams(c, PrecedentId);
    await removePrecedent(db, store, principalOf(c), id);
    return id;
  };
  app.post("/admin/precedents/:id/delete", requireCsrf, async (c) => {
    const id = await remove(c);
    return reviewPage(c, await precedentReview(store, principalOf(c)), `第 ${id} 号先例已删除。`);
  });
  app.post("/api/v1/admin/precedents/:id/delete", requireCsrf, async (c) =>
    c.json({ deleted: await remove(c) }),
  );
};

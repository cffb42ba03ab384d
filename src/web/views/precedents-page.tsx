/** @jsxImportSource hono/jsx */
/**
 * The admins' page of precedents (routes/precedents.tsx): those set aside for review, per county, each
 * decided again or deleted; then those the checks apply, newest first, filtered by wording and paged,
 * each withdrawn (撤销) with a form of its own. Every value is escaped by JSX.
 */
import type { Context } from "hono";
import { LIST_LABELS } from "../../domain/edition.ts";
import { VERDICT_LABELS, VERDICTS } from "../../domain/verdict.ts";
import type { StoredPrecedent } from "../../store/precedents.ts";
import type { CountyReview, SetAsideEntry } from "../../workflow/precedent-review.ts";
import { decidedByLine, Form, Notice, when, workflowPage } from "./workflow-ui.tsx";

export const SOURCE_LABELS: Record<string, string> = {
  admission: "准入审核",
  confirmation: "核验确认",
  correction: "核验纠正",
  import: "导入",
  review: "复核",
};

/** The decided answer in words: the item with its list, number and name, or the verdict alone. */
export function decided(p: Pick<StoredPrecedent, "item" | "verdict">): string {
  return p.item
    ? `${LIST_LABELS[p.item.list]}第${p.item.number}项“${p.item.name}”`
    : VERDICT_LABELS[p.verdict];
}

/** One page of the active precedents, as the page and its JSON twin give it. */
export interface ActivePage {
  /** The wording (or item name) filtered by; "" for all. */
  q: string;
  page: number;
  pages: number;
  pageSize: number;
  /** Active precedents matching the filter, in all. */
  total: number;
  /** Active precedents in all, filter or not. */
  all: number;
  rows: StoredPrecedent[];
}

export interface PrecedentsView {
  counties: CountyReview[];
  active: ActivePage;
}

/**
 * How the page names a county: by its name, and with its region too where another county listed has
 * the same name (策勒县（和田地区）), since both are grouped apart.
 */
export function countyNamer(
  counties: readonly Pick<CountyReview, "county" | "region">[],
): (p: Pick<CountyReview, "county" | "region">) => string {
  const regions = new Map<string, Set<string>>();
  for (const c of counties) regions.set(c.county, (regions.get(c.county) ?? new Set()).add(c.region));
  return (p) => ((regions.get(p.county)?.size ?? 0) > 1 ? `${p.county}（${p.region}）` : p.county);
}

/** The page's address with the filter and page (page 1 and an empty filter left out). */
export function precedentsHref(q: string, page = 1, path = "/admin/precedents"): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
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
      <h4>
        第 {p.id} 号先例 <span class="meta">{SOURCE_LABELS[p.source] ?? p.source}</span>
      </h4>
      <blockquote>{p.text}</blockquote>
      <p>
        原认定：{decided(p)}，{decidedByLine(p.decidedBy, p.decidedAt)}
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
      <p>
        <a class="button quiet" href={`/admin/precedents/${p.id}/delete`}>
          删除此先例…
        </a>
      </p>
    </section>
  );
}

/** A precedent's wording, cut short in the table (the whole text is in the JSON twin). */
const SHOWN_CHARS = 160;

/** The active precedents: filter, table (one card per row on a phone), pager. */
function ActiveList(props: {
  active: ActivePage;
  counties: number;
  countyName: (p: StoredPrecedent) => string;
}) {
  const { active } = props;
  const { q, page, pages } = active;
  return (
    <section id="active" class="active-precedents">
      <h2>
        现行先例
        <span class="meta">
          （{active.all} 条{q ? `，含“${q}”的 ${active.total} 条` : ""}；核验时优先采用）
        </span>
      </h2>
      <p class="explain">
        本县确认、纠正或准入审核认定过的任务措辞，核验同类任务时优先采用。认定有误的，可撤销（记入审计日志）。
      </p>
      {active.all > 0 ? (
        <form class="search" method="get" action="/admin/precedents#active">
          <label for="precedent-q">按措辞或事项名称筛选</label>
          <input id="precedent-q" type="search" name="q" value={q} maxlength={100} />{" "}
          <button type="submit">筛选</button>
          {q ? (
            <a class="search-clear" href="/admin/precedents#active">
              清除
            </a>
          ) : null}
        </form>
      ) : null}
      {active.rows.length === 0 ? (
        <p class="empty">{q ? `没有含“${q}”的现行先例。` : "没有现行先例。"}</p>
      ) : (
        <table class="grid cards-narrow precedents">
          <thead>
            <tr>
              <th scope="col">编号</th>
              {props.counties > 1 ? <th scope="col">县</th> : null}
              <th scope="col">任务措辞</th>
              <th scope="col">认定</th>
              <th scope="col">认定人</th>
              <th scope="col">认定时间</th>
              <th scope="col">来源</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {active.rows.map((p) => (
              <tr id={`p${p.id}`}>
                <td class="num" data-label="编号">
                  {p.id}
                </td>
                {props.counties > 1 ? (
                  <td class="county" data-label="县">
                    {props.countyName(p)}
                  </td>
                ) : null}
                <td class="wording" data-label="任务措辞">
                  {p.text.length > SHOWN_CHARS ? `${p.text.slice(0, SHOWN_CHARS)}…` : p.text}
                </td>
                <td data-label="认定">{decided(p)}</td>
                <td data-label="认定人">{p.decidedBy}</td>
                <td class="when" data-label="认定时间">
                  {when(p.decidedAt)}
                </td>
                <td class="source" data-label="来源">
                  {SOURCE_LABELS[p.source] ?? p.source}
                </td>
                <td class="actions" data-label="操作">
                  <a
                    class="button quiet"
                    href={precedentsHref(q, page, `/admin/precedents/${p.id}/delete`)}
                    title="撤销后核验不再采用此先例（记入审计日志）"
                  >
                    撤销…
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <p class="pager">
          {page > 1 ? <a href={`${precedentsHref(q, page - 1)}#active`}>上一页</a> : null} 第 {page} / {pages}{" "}
          页 {page < pages ? <a href={`${precedentsHref(q, page + 1)}#active`}>下一页</a> : null}
        </p>
      ) : null}
    </section>
  );
}

/**
 * The step before a precedent is withdrawn (撤销) or deleted: what it decided, by whom and when, and what
 * withdrawing it does, with 确认 (the POST that deletes it) and 取消 (back to the list where it was).
 * Deleting cannot be undone, and a click on a crowded table on a phone lands easily on the wrong row.
 */
export function withdrawPage(
  c: Context,
  p: StoredPrecedent,
  county: string,
  setAside: boolean,
  back: { q: string; page: number },
) {
  const what = setAside ? "删除" : "撤销";
  return workflowPage(
    c,
    `${what}第 ${p.id} 号先例`,
    <>
      <h1>
        {what}第 {p.id} 号先例？
      </h1>
      <dl class="item-summary">
        <dt>县</dt>
        <dd>{county}</dd>
        <dt>任务措辞</dt>
        <dd>{p.text}</dd>
        <dt>认定</dt>
        <dd>{decided(p)}</dd>
        <dt>认定人</dt>
        <dd>{p.decidedBy}</dd>
        <dt>认定时间</dt>
        <dd>{when(p.decidedAt)}</dd>
        <dt>来源</dt>
        <dd>{SOURCE_LABELS[p.source] ?? p.source}</dd>
      </dl>
      <p class="explain">
        {what}
        后，核验同类任务时不再采用此先例（如同一措辞还有其他先例，仍会采用那些）；此操作记入审计日志，不能恢复，需要时可在核验结果上重新认定。
      </p>
      <Form
        c={c}
        action={precedentsHref(back.q, back.page, `/admin/precedents/${p.id}/delete`)}
        class="inline"
      >
        <button type="submit">确认{what}</button>
      </Form>{" "}
      <a href={`${precedentsHref(back.q, back.page)}${setAside ? `#p${p.id}` : "#active"}`}>取消</a>
    </>,
  );
}

/** The page: set-aside precedents per county, then the active ones. */
export function precedentsPage(c: Context, view: PrecedentsView, notice?: string) {
  const { counties } = view;
  const total = counties.reduce((s, c) => s + c.setAside.length, 0);
  const countyName = countyNamer(counties);
  return workflowPage(
    c,
    "先例",
    <>
      <h1>先例</h1>
      {notice ? <Notice kind="ok">{notice}</Notice> : null}
      <section id="set-aside">
        <h2>
          搁置待复核
          <span class="meta">（{total} 条）</span>
        </h2>
        <p class="explain">
          后续清单删除或调整了先例所认定的事项时，该先例被搁置、不再用于核验。请逐条按现行清单重新认定，或删除。
        </p>
        {total === 0 ? <p class="empty">没有搁置待复核的先例。</p> : null}
        {counties
          .filter((county) => county.setAside.length > 0)
          .map((county) => (
            <>
              <h3>
                {countyName(county)}
                <span class="meta">
                  （先例 {county.precedents} 条，搁置待复核 {county.setAside.length} 条）
                </span>
              </h3>
              {county.setAside.map((entry) => (
                <Entry c={c} entry={entry} townships={county.townships} />
              ))}
            </>
          ))}
      </section>
      <ActiveList active={view.active} counties={counties.length} countyName={countyName} />
    </>,
  );
}

/** @jsxImportSource hono/jsx */
/** The township page: search form, list tabs with counts, facets, and the official table of the list. */
import { LIST_KINDS, LIST_LABELS, LIST_TITLES } from "../../domain/edition.ts";
import type { EditionRow, StoredEdition } from "../../store/types.ts";
import type { BrowseView } from "../browse.ts";
import { MAX_QUERY } from "../params.ts";
import { type BrowseParams, browseHref, defaultBrowse, diffHref, exportHref } from "../urls.ts";
import type { Viewer } from "../viewer.ts";
import { STATUS_LABELS } from "./labels.ts";
import { Layout } from "./layout.tsx";
import { ListTable } from "./list-table.tsx";

export interface TownshipPageProps {
  viewer: Viewer;
  /** The township as the URL names it (a bare name, or 县名/乡镇名 where names repeat): links keep it. */
  townshipRef: string;
  edition: StoredEdition;
  editions: EditionRow[];
  view: BrowseView;
}

/** The official title of a list, as the document prints it above the table. */
export function listTitle(edition: StoredEdition, list: BrowseParams["list"]): string {
  return `${edition.county}${edition.township}${LIST_TITLES[list]}`;
}

/** The whole page. */
export function TownshipPage(props: TownshipPageProps) {
  const { edition, view } = props;
  const p = view.params;
  // The public diff to the edition before this one (newest first; drafts are not public, the loader decides).
  const previous = props.editions.find(
    (e) => e.date < edition.date && (e.status === "published" || e.status === "superseded"),
  );
  return (
    <Layout
      title={`${edition.township}${LIST_LABELS[p.list]}`}
      crumbs={[
        {
          href: browseHref(props.townshipRef, { ...defaultBrowse(), edition: p.edition }),
          label: edition.township,
        },
      ]}
      jsonHref={browseHref(props.townshipRef, p, "json")}
      scripts={["search.js", "fold.js"]}
      viewer={props.viewer}
    >
      <div class="page-head">
        <h1>
          {edition.county}
          {edition.township}履职事项清单
        </h1>
        <p class="meta">
          {edition.date} 版 · {STATUS_LABELS[edition.status]}
          {previous ? (
            <>
              {" · "}
              <a href={diffHref(props.townshipRef, edition.date, previous.date)}>
                与上一版（{previous.date}）比较
              </a>
            </>
          ) : null}
          {props.editions.length > 1 ? (
            <>
              {" · 其他版本："}
              {props.editions
                .filter((e) => e.id !== edition.id)
                .map((e) => (
                  <>
                    <a href={browseHref(props.townshipRef, { ...defaultBrowse(p.list), edition: e.date })}>
                      {e.date}
                    </a>{" "}
                  </>
                ))}
            </>
          ) : null}
        </p>
      </div>
      <p class="entry">
        <a class="button" href={`/t/${encodeURIComponent(props.townshipRef)}/check`}>
          任务核验
        </a>{" "}
        上级交办的任务属于哪类事项？粘贴任务或通知即可核验。
      </p>
      <SearchForm township={props.townshipRef} params={p} refused={view.refused ?? null} />
      <div id="browse">
        <BrowseBody townshipRef={props.townshipRef} edition={edition} view={view} />
      </div>
    </Layout>
  );
}

/**
 * The search box; it keeps the list, facets and edition of the view as hidden fields, and a refused search
 * text (too long) as typed, with the reason beside it.
 */
function SearchForm(props: {
  township: string;
  params: BrowseParams;
  refused: { q: string; message: string } | null;
}) {
  const p = props.params;
  const q = props.refused?.q ?? p.q;
  const hidden: [string, string][] = [];
  if (p.list !== "basic") hidden.push(["list", p.list]);
  if (p.category !== null) hidden.push(["category", p.category]);
  if (p.department !== null) hidden.push(["department", p.department]);
  if (p.local !== null) hidden.push(["local", p.local ? "1" : "0"]);
  if (p.edition) hidden.push(["edition", p.edition]);
  return (
    <form class="search" method="get" action={browseHref(props.township, defaultBrowse())}>
      {hidden.map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <label for="q">搜索事项</label>
      <input
        id="q"
        name="q"
        type="search"
        value={q}
        maxlength={MAX_QUERY}
        autocomplete="off"
        aria-invalid={props.refused ? "true" : undefined}
        aria-describedby={props.refused ? "q-error" : undefined}
        placeholder="关键词、拼音或拼音首字母，如 防汛抗旱、fangxun、fxkh、人社局"
      />
      <button type="submit">搜索</button>
      {q ? (
        <a class="search-clear" href={browseHref(props.township, { ...p, q: "" })}>
          清除搜索
        </a>
      ) : null}
      {props.refused ? (
        <p class="notice error" id="q-error" role="alert">
          {props.refused.message}：请缩短后再搜索。
        </p>
      ) : null}
    </form>
  );
}

/** Tabs, facets and results: the part that search-as-you-type replaces. */
export function BrowseBody(props: { townshipRef: string; edition: StoredEdition; view: BrowseView }) {
  const { edition, view } = props;
  const p = view.params;
  const t = props.townshipRef;
  return (
    <>
      <nav class="tabs" aria-label="清单">
        {LIST_KINDS.map((list) => (
          <a
            class={list === p.list ? "tab active" : "tab"}
            href={browseHref(t, { ...defaultBrowse(list), q: p.q, edition: p.edition })}
            aria-current={list === p.list ? "page" : undefined}
          >
            {LIST_LABELS[list]} <span class="count">{view.listCounts[list]}</span>
          </a>
        ))}
      </nav>
      <div class="cols">
        <aside class="facets" aria-label="筛选">
          {/* Open by default (no script, wide screens); fold.js folds it on a phone. */}
          <details class="facets-fold" open>
            <summary>筛选（类别、部门、个性事项）</summary>
            {view.facets.map((f) => (
              <section class={`facet facet-${f.name}`}>
                <h3>{f.label}</h3>
                <ul>
                  {f.values.map((v) => (
                    <li class={v.selected ? "selected" : undefined}>
                      <a href={browseHref(t, v.toggle)} title={v.selected ? "取消筛选" : "筛选"}>
                        {v.label}
                      </a>{" "}
                      <span class="count">{v.count}</span>
                      {v.selected ? <span class="remove"> ✕</span> : null}
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </details>
        </aside>
        <section class="results">
          <Summary townshipRef={t} view={view} />
          {view.rows.length === 0 ? (
            <Empty township={t} view={view} />
          ) : (
            <>
              <h2 class="print-title">{listTitle(edition, p.list)}</h2>
              <ListTable
                township={t}
                list={p.list}
                rows={view.rows}
                marks={view.marks}
                edition={p.edition}
                q={p.q}
              />
            </>
          )}
        </section>
      </div>
    </>
  );
}

/** Whole-edition downloads, in the formats offices file. */
const EXPORT_LINKS = [
  { format: "xlsx", label: "Excel（.xlsx）" },
  { format: "docx", label: "Word（.docx）" },
  { format: "csv", label: "CSV（.zip）" },
  { format: "json", label: "JSON" },
] as const;

function Summary(props: { townshipRef: string; view: BrowseView }) {
  const { view } = props;
  const p = view.params;
  const t = props.townshipRef;
  const chosen: { label: string; clear: BrowseParams }[] = [];
  if (p.category !== null) chosen.push({ label: `类别：${p.category}`, clear: { ...p, category: null } });
  if (p.department !== null)
    chosen.push({ label: `部门：${p.department}`, clear: { ...p, department: null } });
  if (p.local !== null)
    chosen.push({ label: p.local ? "个性事项" : "共性事项", clear: { ...p, local: null } });
  return (
    <div class="summary">
      <p>
        {p.q ? `搜索“${p.q}”：` : ""}
        {LIST_LABELS[p.list]} 共 <strong>{view.rows.length}</strong> 项
        {view.rows.length !== view.listTotal ? `（全清单 ${view.listTotal} 项）` : ""}
        {" · "}
        <a href={browseHref(t, p, "csv")} download>
          下载 CSV
        </a>
        {" · "}
        <a href={browseHref(t, p, "json")}>JSON</a>
      </p>
      <p class="downloads">
        整份清单下载：
        {EXPORT_LINKS.map((link, i) => (
          <>
            {i > 0 ? " · " : ""}
            <a href={exportHref(t, link.format, p.edition)} download>
              {link.label}
            </a>
          </>
        ))}
      </p>
      {chosen.length > 0 ? (
        <p class="chosen">
          已选：
          {chosen.map((c) => (
            <a class="chip" href={browseHref(t, c.clear)} title="取消此筛选">
              {c.label} ✕
            </a>
          ))}
        </p>
      ) : null}
      {view.search?.mode === "any" ? (
        <p class="notice">没有同时包含全部关键词的事项，下面列出包含部分关键词的事项。</p>
      ) : null}
    </div>
  );
}

/** No rows: say so, and point to the lists where the search did find items. */
function Empty(props: { township: string; view: BrowseView }) {
  const p = props.view.params;
  const elsewhere = LIST_KINDS.filter((l) => l !== p.list && props.view.listCounts[l] > 0);
  return (
    <p class="empty">
      没有符合条件的事项。
      {p.q && elsewhere.length > 0 ? (
        <>
          {"其他清单中有匹配的事项："}
          {elsewhere.map((l) => (
            <>
              <a href={browseHref(props.township, { ...defaultBrowse(l), q: p.q, edition: p.edition })}>
                {LIST_LABELS[l]} {props.view.listCounts[l]} 项
              </a>{" "}
            </>
          ))}
        </>
      ) : null}
    </p>
  );
}

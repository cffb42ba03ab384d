/** @jsxImportSource hono/jsx */
/**
 * One item: name, category, list, number; for cooperative items each lead department's steps beside
 * the township's steps; for reclaimed items who took it over and how.
 */
import { type CooperativeItem, type Item, LIST_LABELS, type ReclaimedItem } from "../../domain/edition.ts";
import type { StoredEdition } from "../../store/types.ts";
import type { Range } from "../highlight.ts";
import { type BrowseParams, browseHref, defaultBrowse, itemHref } from "../urls.ts";
import type { Viewer } from "../viewer.ts";
import { Blocks, DepartmentLinks, Steps } from "./blocks.tsx";
import { Layout } from "./layout.tsx";
import { Marked } from "./marked.tsx";

export interface ItemPageProps {
  viewer: Viewer;
  /** The township as the URL names it; links keep it. */
  townshipRef: string;
  edition: StoredEdition;
  item: Item;
  /** The edition date asked for in the URL (null: current edition). */
  date: string | null;
  previous: Item | null;
  next: Item | null;
  /** The item's history across editions, when an earlier public edition exists; null otherwise. */
  history: string | null;
  /** The search the visitor came from (?q=), its words marked on the page; "" when none. */
  q: string;
  marks: readonly string[];
  nameMarks: Range[];
}

/** The item page. */
export function ItemPage(props: ItemPageProps) {
  const { edition, item, date } = props;
  const t = props.townshipRef;
  const listView: BrowseParams = { ...defaultBrowse(item.list), edition: date };
  return (
    <Layout
      title={`${item.name.slice(0, 40)} - ${edition.township}`}
      crumbs={[
        { href: browseHref(t, { ...defaultBrowse(), edition: date }), label: edition.township },
        { href: browseHref(t, { ...listView, q: props.q }), label: LIST_LABELS[item.list] },
        { href: itemHref(t, item.list, item.number, date), label: `第 ${item.number} 项` },
      ]}
      jsonHref={itemHref(t, item.list, item.number, date, "json")}
      viewer={props.viewer}
    >
      <article class="item">
        <h1>
          <Marked text={item.name} ranges={props.nameMarks} />
        </h1>
        <table class="facts">
          <tbody>
            <tr>
              <th scope="row">清单</th>
              <td>
                <a href={browseHref(t, listView)}>{LIST_LABELS[item.list]}</a>（{edition.county}
                {edition.township} {edition.date} 版）
              </td>
            </tr>
            <tr>
              <th scope="row">序号</th>
              <td>{item.number}</td>
            </tr>
            <tr>
              <th scope="row">事项类别</th>
              <td>
                <a href={browseHref(t, { ...listView, category: item.category })}>{item.category}</a>
              </td>
            </tr>
            {item.remark ? (
              <tr>
                <th scope="row">备注</th>
                <td>{item.remark}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
        {props.history ? (
          <p class="meta">
            <a href={props.history}>本事项历次版本的变化</a>
          </p>
        ) : null}
        {item.list === "basic" ? (
          <p class="explain">本事项为乡镇（街道）必须为、负全责的基本履职事项。</p>
        ) : null}
        {item.list === "cooperative" ? <Cooperative item={item} marks={props.marks} /> : null}
        {item.list === "reclaimed" ? <Reclaimed item={item} marks={props.marks} /> : null}
        <nav class="pager" aria-label="翻页">
          {props.previous ? (
            <a rel="prev" href={itemHref(t, item.list, props.previous.number, date)}>
              ‹ 上一项：{props.previous.name.slice(0, 30)}
            </a>
          ) : null}
          {props.next ? (
            <a rel="next" href={itemHref(t, item.list, props.next.number, date)}>
              下一项：{props.next.name.slice(0, 30)} ›
            </a>
          ) : null}
        </nav>
      </article>
    </Layout>
  );
}

function Cooperative(props: { item: CooperativeItem; marks: readonly string[] }) {
  const { item } = props;
  return (
    <>
      <h2>对应上级部门</h2>
      <p class="leads">
        <DepartmentLinks names={item.leadDepartments} others={item.otherLeads} />
      </p>
      <p class="explain">本事项以上级部门为主负责、乡镇（街道）为辅配合，双方职责如下。</p>
      <table class="sides">
        <thead>
          <tr>
            <th scope="col">上级部门职责</th>
            <th scope="col">乡镇（街道）配合职责</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>
              <Blocks
                blocks={item.departmentDuties}
                owners={item.leadDepartments}
                marks={props.marks}
                headings
              />
            </td>
            <td>
              <Blocks blocks={item.townshipDuties} marks={props.marks} headings />
            </td>
          </tr>
        </tbody>
      </table>
    </>
  );
}

function Reclaimed(props: { item: ReclaimedItem; marks: readonly string[] }) {
  const t = props.item.takeover;
  return (
    <>
      <p class="explain">本事项已由上级部门收回，不得再交由乡镇（街道）承担。</p>
      <h2>承接部门</h2>
      <p class="leads">
        {t.departments.length > 0 ? <DepartmentLinks names={t.departments} /> : "无（清单注明无承接部门）"}
      </p>
      <h2>工作方式</h2>
      <Steps steps={t.workMethod} marks={props.marks} />
      {t.workStandard.length > 0 ? (
        <>
          <h2>工作标准</h2>
          <Steps steps={t.workStandard} marks={props.marks} />
        </>
      ) : null}
    </>
  );
}

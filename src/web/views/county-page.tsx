/** @jsxImportSource hono/jsx */
/**
 * The county page: townships side by side, the comparison matrix, the departments that push the most
 * cooperative items, and the reclaimed items per department, under a table of contents with anchors.
 * Every figure is in a table; the charts are SVG drawn on the server (no JavaScript needed, they print).
 */

import type { MatrixRow } from "../../county/compare.ts";
import type { CountyView } from "../../county/summary.ts";
import { LIST_KINDS, LIST_LABELS, type ListKind } from "../../domain/edition.ts";
import { lookup } from "../../domain/lookup.ts";
import { departmentHref, itemHref } from "../urls.ts";
import type { Viewer } from "../viewer.ts";
import { BarChart } from "./bar-chart.tsx";
import { Layout } from "./layout.tsx";

export type MatrixFilter = "all" | "common" | "shared" | "particular" | "local" | "cross";

export const MATRIX_FILTERS: Record<MatrixFilter, string> = {
  all: "全部",
  common: "各乡镇共有",
  shared: "部分乡镇共有",
  particular: "仅一个乡镇有",
  local: "个性事项",
  cross: "各乡镇列入不同清单",
};

const KIND_LABELS: Record<MatrixRow["kind"], string> = {
  common: "共有",
  shared: "部分共有",
  particular: "特有",
};
const LIST_SHORT: Record<ListKind, string> = { basic: "基", cooperative: "配", reclaimed: "收" };

/** Rows the filter keeps. */
export function filterRows(rows: readonly MatrixRow[], filter: MatrixFilter): MatrixRow[] {
  switch (filter) {
    case "all":
      return [...rows];
    case "local":
      return rows.filter((r) => r.local);
    case "cross":
      return rows.filter((r) => r.crossList);
    default:
      return rows.filter((r) => r.kind === filter);
  }
}

const enc = encodeURIComponent;

/** The county page, its JSON twin, or the matrix CSV. */
export function countyHref(
  county: string,
  format: "page" | "json" | "csv" = "page",
  filter: MatrixFilter = "all",
) {
  const query = filter === "all" ? "" : `?matrix=${filter}`;
  if (format === "json") return `/api/v1/counties/${enc(county)}${query}`;
  if (format === "csv") return `/c/${enc(county)}/matrix.csv${query}`;
  return `/c/${enc(county)}${query}`;
}

const LIST_COLORS: Record<ListKind, string> = {
  basic: "#a4161a",
  cooperative: "#d98b1e",
  reclaimed: "#5b7f95",
};

/** Items per list of each township, stacked (drawn on the server: no blank box without JavaScript). */
function ListsChart({ view }: { view: CountyView }) {
  return (
    <BarChart
      id="chart-lists"
      caption="各乡镇三张清单的事项数"
      unit="项"
      series={LIST_KINDS.map((l) => ({ label: LIST_LABELS[l], color: LIST_COLORS[l] }))}
      rows={view.townships.map((t) => ({
        label: t.township,
        values: LIST_KINDS.map((l) => t.lists[l].items),
      }))}
    />
  );
}

/** The 15 departments that lead the most cooperative items. */
function DepartmentsChart({ view }: { view: CountyView }) {
  return (
    <BarChart
      id="chart-departments"
      caption="牵头配合事项最多的 15 个部门（各乡镇合计）"
      unit="项"
      series={[{ label: "配合事项", color: LIST_COLORS.cooperative }]}
      rows={view.departments.slice(0, 15).map((d) => ({ label: d.department, values: [d.items] }))}
    />
  );
}

/** The page's sections, for the table of contents and the anchors. */
const SECTIONS = [
  ["townships", "各乡镇事项数"],
  ["categories", "按事项类别"],
  ["departments", "向乡镇派出配合事项最多的部门"],
  ["reclaimed", "各部门收回的事项"],
  ["matrix", "事项对比矩阵"],
] as const;
type Section = (typeof SECTIONS)[number][0];

function Contents({ counts }: { counts: Record<Section, string> }) {
  return (
    <nav class="toc" id="toc" aria-label="本页目录">
      <h2>本页目录</h2>
      <ol>
        {SECTIONS.map(([id, title]) => (
          <li>
            <a href={`#${id}`}>{title}</a> <span class="count">{counts[id]}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** A section's heading with its anchor, and the way back to the contents. */
function SectionHead({ id }: { id: Section }) {
  const title = SECTIONS.find(([s]) => s === id)![1];
  return (
    <h2 id={id}>
      {title}{" "}
      <a class="to-toc" href="#toc" title="回到目录">
        ↑ 目录
      </a>
    </h2>
  );
}

function TownshipTable({ view }: { view: CountyView }) {
  return (
    <div class="table-scroll">
      <table class="grid">
        <thead>
          <tr>
            <th>乡镇</th>
            <th>版本</th>
            {LIST_KINDS.map((l) => (
              <th>{`${LIST_LABELS[l]}（项/类）`}</th>
            ))}
            <th>个性事项</th>
            <th>合计</th>
          </tr>
        </thead>
        <tbody>
          {view.townships.map((t) => (
            <tr>
              <td>
                <a href={`/t/${enc(`${view.county}/${t.township}`)}`}>{t.township}</a>
              </td>
              <td>{t.date}</td>
              {LIST_KINDS.map((l) => (
                <td class="num">{`${t.lists[l].items} / ${t.lists[l].categories}`}</td>
              ))}
              <td class="num">{t.local}</td>
              <td class="num">{LIST_KINDS.reduce((n, l) => n + t.lists[l].items, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CategoryTable({ view }: { view: CountyView }) {
  const categories = [...new Set(view.townships.flatMap((t) => Object.keys(t.categories)))];
  return (
    <div class="table-scroll">
      <table class="grid">
        <thead>
          <tr>
            <th>事项类别</th>
            {view.townships.map((t) => (
              <th>{t.township}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((category) => (
            <tr>
              <td>{category}</td>
              {view.townships.map((t) => (
                <td class="num">{lookup(t.categories, category) ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Matrix({ view, rows }: { view: CountyView; rows: MatrixRow[] }) {
  return (
    <div class="table-scroll">
      <table class="grid matrix">
        <thead>
          <tr>
            <th>事项名称</th>
            <th>类别</th>
            <th>情况</th>
            {view.townships.map((t) => (
              <th>{t.township}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <td>{row.name}</td>
              <td>{row.category}</td>
              <td>{`${KIND_LABELS[row.kind]}${row.local ? "·个性" : ""}${row.crossList ? "·跨清单" : ""}`}</td>
              {row.cells.map((cell, t) => {
                if (!cell) return <td class="num absent">—</td>;
                const township = `${view.county}/${view.townships[t]!.township}`;
                const label = `${LIST_SHORT[cell.list]}${cell.number}${cell.match === "similar" ? "≈" : ""}`;
                return (
                  <td class="num">
                    <a href={itemHref(township, cell.list, cell.number)} title={cell.name}>
                      {label}
                    </a>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface CountyPageProps {
  view: CountyView;
  filter: MatrixFilter;
  viewer: Viewer;
}

/** The whole county page. */
export function CountyPage({ view, filter, viewer }: CountyPageProps) {
  const rows = filterRows(view.matrix, filter);
  const n = view.townships.length;
  return (
    <Layout
      title={`${view.county}乡镇履职事项对比`}
      crumbs={[{ href: countyHref(view.county), label: view.county }]}
      jsonHref={countyHref(view.county, "json", filter)}
      viewer={viewer}
    >
      <h1>{`${view.county}乡镇履职事项对比`}</h1>
      <p class="entry">
        <a class="button" href={`/c/${encodeURIComponent(view.county)}/check`}>
          全县任务核验
        </a>{" "}
        一项任务在全县各乡镇分属哪类事项。
      </p>
      <p>
        {`${n} 个乡镇，共 ${view.matrix.length} 项不同事项：各乡镇共有 ${view.totals.common} 项，部分乡镇共有 ${view.totals.shared} 项，` +
          `仅一个乡镇有 ${view.totals.particular} 项；其中个性事项 ${view.totals.local} 项，在不同乡镇列入不同清单的 ${view.totals.crossList} 项。`}
      </p>
      <p class="county-tools">
        <a href={`/c/${encodeURIComponent(view.county)}/indicators`}>考核指标核验</a>
        ：上传县里对乡镇的考核指标表，找出对收回事项、清单外事项的考核，按部门汇总涉及分值。
      </p>

      <Contents
        counts={{
          townships: `${n} 个乡镇`,
          categories: `${new Set(view.townships.flatMap((t) => Object.keys(t.categories))).size} 类`,
          departments: `${view.departments.length} 个部门`,
          reclaimed: `${view.reclaimed.length} 个承接部门`,
          matrix: `${view.matrix.length} 项`,
        }}
      />

      <section>
        <SectionHead id="townships" />
        <ListsChart view={view} />
        <TownshipTable view={view} />
      </section>

      <section>
        <SectionHead id="categories" />
        <CategoryTable view={view} />
      </section>

      <section>
        <SectionHead id="departments" />
        <DepartmentsChart view={view} />
        <table class="grid cards">
          <thead>
            <tr>
              <th>部门</th>
              <th>配合事项（各乡镇合计）</th>
              <th>涉及不同事项</th>
              <th>涉及乡镇</th>
            </tr>
          </thead>
          <tbody>
            {view.departments.map((d) => (
              <tr>
                <td data-label="部门">
                  <a href={`${departmentHref(d.department)}?county=${enc(view.county)}`}>{d.department}</a>
                </td>
                <td data-label="配合事项" class="num">
                  {d.items}
                </td>
                <td data-label="涉及不同事项" class="num">
                  {d.duties}
                </td>
                <td data-label="涉及乡镇" class="num">{`${d.townships} / ${n}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section>
        <SectionHead id="reclaimed" />
        <p class="note">事项按对比矩阵的同一规则合并（措辞不同的同一事项算一项，名称取矩阵中的写法）。</p>
        <table class="grid cards">
          <thead>
            <tr>
              <th>承接部门</th>
              <th>收回事项（列入该事项的乡镇数）</th>
            </tr>
          </thead>
          <tbody>
            {view.reclaimed.map((r) => (
              <tr>
                <td data-label="承接部门">{r.department}</td>
                <td data-label="收回事项">
                  <ul class="plain">
                    {r.items.map((i) => (
                      <li>{`${i.name}（${i.townships.length}/${n}）`}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section>
        <SectionHead id="matrix" />
        <p class="note">
          单元格为该乡镇的清单与序号（基＝基本履职事项，配＝配合履职事项，收＝上级部门收回事项）；“≈”表示措辞不同但识别为同一事项。
        </p>
        <nav class="tabs">
          {(Object.keys(MATRIX_FILTERS) as MatrixFilter[]).map((f) => (
            <a
              class={f === filter ? "tab active" : "tab"}
              href={`${countyHref(view.county, "page", f)}#matrix`}
            >
              {`${MATRIX_FILTERS[f]} `}
              <span class="count">{filterRows(view.matrix, f).length}</span>
            </a>
          ))}
        </nav>
        <p>
          <a href={countyHref(view.county, "csv", filter)}>下载本表（CSV）</a>
        </p>
        <Matrix view={view} rows={rows} />
      </section>
    </Layout>
  );
}

/** The list of counties. */
export function CountyIndex({
  counties,
  viewer,
}: {
  counties: { name: string; region: string; townships: number }[];
  viewer: Viewer;
}) {
  return (
    <Layout
      title="各县对比"
      crumbs={[{ href: "/c", label: "各县" }]}
      jsonHref="/api/v1/counties"
      viewer={viewer}
    >
      <h1>各县乡镇履职事项对比</h1>
      <table class="grid">
        <thead>
          <tr>
            <th>县</th>
            <th>所属地区</th>
            <th>乡镇数</th>
          </tr>
        </thead>
        <tbody>
          {counties.map((c) => (
            <tr>
              <td>
                <a href={countyHref(c.name)}>{c.name}</a>
              </td>
              <td>{c.region}</td>
              <td class="num">{c.townships}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

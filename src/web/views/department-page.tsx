/** @jsxImportSource hono/jsx */
/** The department index and a department's page: every item that involves it, its steps and the township's. */
import { namesOf } from "../../domain/departments.ts";
import { LIST_LABELS } from "../../domain/edition.ts";
import type { DepartmentDuty } from "../department-view.ts";
import { departmentHref, itemHref } from "../urls.ts";
import type { Viewer } from "../viewer.ts";
import { Blocks } from "./blocks.tsx";
import { Layout } from "./layout.tsx";

export interface DepartmentSummary {
  name: string;
  county: string;
  items: number;
}

/** All departments named in the current editions. */
export function DepartmentIndex(props: { departments: DepartmentSummary[]; viewer: Viewer }) {
  // With several counties, a department's page is per county (县水利局 exists in each).
  const counties = new Set(props.departments.map((d) => d.county));
  const countyOf = (d: DepartmentSummary) => (counties.size > 1 ? d.county : undefined);
  return (
    <Layout
      title="部门"
      crumbs={[{ href: "/departments", label: "部门" }]}
      jsonHref="/api/v1/departments"
      viewer={props.viewer}
    >
      <h1>部门</h1>
      {props.departments.length > 0 ? (
        <p class="summary">
          当前清单涉及 {props.departments.length} 个部门（单位） ·{" "}
          <a href="/departments.csv" download>
            下载 CSV
          </a>
        </p>
      ) : null}
      {props.departments.length === 0 ? (
        <p class="empty">当前清单中还没有涉及任何部门。</p>
      ) : (
        <table class="grid">
          <thead>
            <tr>
              <th scope="col">部门（单位）</th>
              <th scope="col">所属县</th>
              <th scope="col">涉及事项</th>
            </tr>
          </thead>
          <tbody>
            {props.departments.map((d) => (
              <tr>
                <td>
                  <a href={departmentHref(d.name, "page", countyOf(d))}>{d.name}</a>
                </td>
                <td>{d.county}</td>
                <td class="num">{d.items}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

/** One department's page. */
export function DepartmentPage(props: {
  name: string;
  county: string;
  /** The ?county= the URL gave, kept in the page's own links. */
  countyParam?: string;
  /** Its duties, each once, with the townships that list it. */
  duties: DepartmentDuty[];
  viewer: Viewer;
}) {
  const { name, duties } = props;
  const aliases = namesOf(name).slice(1);
  const leads = duties.filter((d) => d.role === "lead");
  const takeovers = duties.filter((d) => d.role === "takeover");
  const townships = new Set(duties.flatMap((d) => d.townships.map((t) => t.township))).size;
  return (
    <Layout
      title={name}
      crumbs={[
        { href: "/departments", label: "部门" },
        { href: departmentHref(name), label: name },
      ]}
      jsonHref={departmentHref(name, "json", props.countyParam)}
      viewer={props.viewer}
    >
      <h1>{name}</h1>
      {aliases.length > 0 ? <p class="meta">又称：{aliases.join("、")}</p> : null}
      <p class="summary">
        {props.county ? `${props.county} · ` : ""}
        牵头配合履职事项 <strong>{leads.length}</strong> 项，承接上级部门收回事项{" "}
        <strong>{takeovers.length}</strong> 项，涉及 {townships} 个乡镇 ·{" "}
        <a href={departmentHref(name, "csv", props.countyParam)} download>
          下载 CSV
        </a>
      </p>
      {leads.length > 0 ? (
        <section>
          <h2>{LIST_LABELS.cooperative}（本部门牵头，乡镇配合）</h2>
          <DutyList duties={leads} ownLabel="本部门职责" townshipLabel="乡镇（街道）配合职责" />
        </section>
      ) : null}
      {takeovers.length > 0 ? (
        <section>
          <h2>{LIST_LABELS.reclaimed}（本部门承接，乡镇不再承担）</h2>
          <DutyList duties={takeovers} ownLabel="工作方式及标准" townshipLabel={null} />
        </section>
      ) : null}
    </Layout>
  );
}

/**
 * The duties, each once: its name and category, the townships that list it (each linking to its item
 * there), then the department's steps and the township's beside them (stacked on a phone).
 */
function DutyList(props: { duties: DepartmentDuty[]; ownLabel: string; townshipLabel: string | null }) {
  return (
    <ol class="duties-list">
      {props.duties.map((d) => (
        <li class="duty">
          <h3>
            {d.item.name} <span class="cat">{d.item.category}</span>
          </h3>
          <p class="townships">
            {`涉及乡镇（${d.townships.length}）：`}
            {d.townships.map((t, i) => (
              <>
                {i > 0 ? "、" : ""}
                <a href={itemHref(t.township, t.list, t.number)} title={t.name}>
                  {`${t.township} 第 ${t.number} 项`}
                </a>
              </>
            ))}
          </p>
          <div class="sides">
            <div class="side">
              <h4>{props.ownLabel}</h4>
              {/* The department's own steps: its name needs no repeating. */}
              <Blocks blocks={d.departmentDuties.map((b) => ({ ...b, department: null }))} />
            </div>
            {props.townshipLabel ? (
              <div class="side">
                <h4>{props.townshipLabel}</h4>
                <Blocks blocks={d.townshipDuties} />
              </div>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

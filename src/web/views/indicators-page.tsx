/** @jsxImportSource hono/jsx */
/**
 * 考核指标核验 (/t/:township/indicators, and /c/:county/indicators with a township picker): upload a county's
 * 考核 indicator table; the report a county 编办 shows at a meeting — summary figures first, the points
 * concerned per 考核部门, then the flagged indicators, then all of them — with Excel/CSV downloads and a
 * print view. Every value is escaped by JSX.
 */

import type { Child } from "hono/jsx";
import { ACCEPT_ATTRIBUTE } from "../../check-files/sniff.ts";
import { LIST_LABELS } from "../../domain/edition.ts";
import {
  type AssessedIndicator,
  FINDING_LABELS,
  FINDING_SHORT,
  type Finding,
} from "../../indicators/assess.ts";
import { assetHref } from "../assets.ts";
import type { IndicatorReport } from "../file-checks.ts";
import { itemHref } from "../urls.ts";
import type { Viewer } from "../viewer.ts";
import { type Carry, CarryForm } from "./file-forms.tsx";
import { Layout } from "./layout.tsx";

export interface IndicatorsView {
  townshipRef: string;
  township: string;
  county: string;
  date: string;
  /** The day of the check (YYYY-MM-DD). */
  today: string;
  file: string | null;
  report: (IndicatorReport & { carry: Carry | null }) | null;
}

export function indicatorsHref(townshipRef: string): string {
  return `/t/${encodeURIComponent(townshipRef)}/indicators`;
}

const FLAGS: Exclude<Finding, "ok">[] = ["reclaimed", "unlisted", "lead"];

const points = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** The upload form (the county page's form adds a township picker as `picker`). */
export function IndicatorForm(props: { action: string; picker?: Child }) {
  return (
    <form class="file-form" method="post" action={props.action} enctype="multipart/form-data">
      {props.picker}
      <label for="indicator-file">
        考核指标表（.xlsx、.csv 或含表格的 .docx；表头含“指标名称”“考核内容”“分值”“考核部门”）
      </label>
      <input id="indicator-file" type="file" name="file" accept={ACCEPT_ATTRIBUTE} required />
      <div class="actions">
        <button type="submit" name="view" value="page">
          生成核验报告
        </button>
        <button type="submit" name="view" value="print">
          打印视图
        </button>
        <button type="submit" name="view" value="xlsx">
          下载 Excel
        </button>
        <button type="submit" name="view" value="csv">
          下载 CSV
        </button>
      </div>
    </form>
  );
}

function Figures(props: { report: IndicatorReport }) {
  const { summary } = props.report;
  return (
    <ul class="figures">
      <li class="figure">
        <span class="figure-n">{summary.indicators}</span>项指标，共 {points(summary.points)} 分
      </li>
      {FLAGS.map((f) => (
        <li class={`figure finding-${f}`}>
          <span class="figure-n">{summary.flagged[f].indicators}</span>
          {FINDING_SHORT[f]}，涉及 {points(summary.flagged[f].points)} 分
        </li>
      ))}
      <li class="figure">
        <span class="figure-n">{summary.review}</span>需人工确认
      </li>
    </ul>
  );
}

function Departments(props: { report: IndicatorReport }) {
  return (
    <table class="file-table departments">
      <thead>
        <tr>
          <th>考核部门</th>
          <th>指标</th>
          <th>分值</th>
          {FLAGS.map((f) => (
            <th>{FINDING_SHORT[f]}</th>
          ))}
          <th>涉及分值</th>
        </tr>
      </thead>
      <tbody>
        {props.report.summary.departments.map((d) => {
          const flagged = FLAGS.reduce((s, f) => s + d.flagged[f].points, 0);
          return (
            <tr class={flagged > 0 ? "flagged" : ""}>
              <td data-label="考核部门">{d.department}</td>
              <td data-label="指标">{d.indicators} 项</td>
              <td data-label="分值">{points(d.points)} 分</td>
              {FLAGS.map((f) => (
                <td data-label={FINDING_SHORT[f]}>
                  {d.flagged[f].indicators
                    ? `${d.flagged[f].indicators} 项 ${points(d.flagged[f].points)} 分`
                    : "—"}
                </td>
              ))}
              <td data-label="涉及分值">{points(flagged)} 分</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Rows(props: { rows: AssessedIndicator[]; townshipRef: string }) {
  return (
    <table class="file-table indicators">
      <thead>
        <tr>
          <th>行</th>
          <th>指标</th>
          <th>分值</th>
          <th>考核部门</th>
          <th>结论</th>
          <th>对应事项</th>
          <th>说明</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((a) => (
          <tr class={`finding-${a.finding}`}>
            <td data-label="行">{a.line}</td>
            <td data-label="指标" class="task">
              {a.group ? <div class="group">{a.group}</div> : null}
              <strong>{a.name}</strong>
              {a.content ? <div class="content">{a.content}</div> : null}
            </td>
            <td data-label="分值">{a.points === null ? "—" : points(a.points)}</td>
            <td data-label="考核部门">{a.department || "—"}</td>
            <td data-label="结论">
              <span class={`flag flag-${a.finding}`}>{FINDING_SHORT[a.finding]}</span>
              {a.check.needs_review ? <div class="review">需人工确认</div> : null}
            </td>
            <td data-label="对应事项">
              {a.check.item ? (
                <a href={itemHref(props.townshipRef, a.check.item.list, a.check.item.number)}>
                  {LIST_LABELS[a.check.item.list]}第{a.check.item.number}项 {a.check.item.name}
                </a>
              ) : (
                "清单外"
              )}
            </td>
            <td data-label="说明">{a.explanation}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The report body, shared by the page and the print view. */
export function IndicatorReportBody(props: { view: IndicatorsView; report: IndicatorReport }) {
  const { view, report } = props;
  const flagged = report.assessed.filter((a) => a.finding !== "ok");
  return (
    <section class="indicator-report">
      <p class="report-meta">
        {view.county} {view.township}（{view.date} 版履职事项清单）· 指标表：{view.file}（“
        {report.table.sheet}”）· 核验日期：{view.today}
      </p>
      <Figures report={report} />
      <h2>各考核部门涉及分值</h2>
      <Departments report={report} />
      <h2>需纠正的指标（{flagged.length} 项）</h2>
      {flagged.length ? (
        <>
          <ul class="legend">
            {FLAGS.map((f) => (
              <li>
                <span class={`flag flag-${f}`}>{FINDING_SHORT[f]}</span> {FINDING_LABELS[f]}
              </li>
            ))}
          </ul>
          <Rows rows={flagged} townshipRef={view.townshipRef} />
        </>
      ) : (
        <p>所有指标均在清单之内，未发现需纠正的指标。</p>
      )}
      <h2>全部指标（{report.assessed.length} 项）</h2>
      <Rows rows={report.assessed} townshipRef={view.townshipRef} />
    </section>
  );
}

export function IndicatorsPage(view: IndicatorsView & { viewer: Viewer }) {
  const action = indicatorsHref(view.townshipRef);
  return (
    <Layout
      viewer={view.viewer}
      title={`考核指标核验 · ${view.township}`}
      crumbs={[
        { href: `/t/${encodeURIComponent(view.townshipRef)}`, label: view.township },
        { href: action, label: "考核指标核验" },
      ]}
    >
      <link rel="stylesheet" href={assetHref("check.css")} />
      <link rel="stylesheet" href={assetHref("files.css")} />
      <h1>考核指标核验</h1>
      <p class="explain">
        上传县里对{view.township}的考核指标表，逐项对照{view.township}（{view.county}，{view.date}{" "}
        版）履职事项清单：上级部门收回的事项不得再对乡镇考核；清单外事项未经职责准入不得列入考核；配合事项只能考核乡镇的配合职责，不能按牵头部门的职责考核乡镇。报告按考核部门汇总涉及的分值。文件只用于本次核验，不会保存。
      </p>
      <IndicatorForm action={action} />
      {view.report ? (
        <>
          <h2>核验报告</h2>
          <CarryForm
            action={action}
            carry={view.report.carry}
            buttons={[
              { view: "print", label: "打印视图" },
              { view: "xlsx", label: "下载 Excel（原表加核验列）" },
              { view: "csv", label: "下载 CSV" },
            ]}
          />
          <IndicatorReportBody view={view} report={view.report} />
        </>
      ) : null}
    </Layout>
  );
}

/** The print view: a title block, the report, a signature line; no site frame, A4 by files.css. */
export function IndicatorsPrint(props: { view: IndicatorsView; report: IndicatorReport }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`考核指标核验报告 · ${props.view.township}`}</title>
        <link rel="stylesheet" href={assetHref("style.css")} />
        <link rel="stylesheet" href={assetHref("check.css")} />
        <link rel="stylesheet" href={assetHref("files.css")} />
      </head>
      <body class="print-view">
        <main>
          <h1>{props.view.township}考核指标核验报告</h1>
          <IndicatorReportBody view={props.view} report={props.report} />
          <p class="sign">核验单位（盖章）：＿＿＿＿＿＿　　经办人：＿＿＿＿　　日期：＿＿＿＿</p>
        </main>
      </body>
    </html>
  );
}

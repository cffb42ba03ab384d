/** @jsxImportSource hono/jsx */
/**
 * The 任务核验 page: a form (paste a task or a notice, or upload .txt/.docx) and, after a check, one row
 * per task with its coloured verdict, the matched item (linked), the township steps or the taking-over
 * department, the evidence highlighted in the task, and runner-ups. Every value is escaped by JSX.
 */
import { ACCEPT_ATTRIBUTE } from "../../check-files/sniff.ts";
import { LIST_LABELS } from "../../domain/edition.ts";
import { EVIDENCE_FIELD_LABELS, VERDICT_LABELS } from "../../domain/verdict.ts";
import type { TaskCheck } from "../../match/index.ts";
import { assetHref } from "../assets.ts";
import { itemHref } from "../urls.ts";
import { DecisionForm } from "./check-decision.tsx";
import { Layout } from "./layout.tsx";
import { Marked } from "./marked.tsx";

export interface CheckView {
  /** The township as it appears in URLs. */
  townshipRef: string;
  township: string;
  county: string;
  date: string;
  /** The text as submitted (shown back in the form). */
  text: string;
  /** Name of the uploaded file, when the text came from one. */
  file: string | null;
  /** null before any check. */
  tasks: TaskCheck[] | null;
  notice: string | null;
  /** Set when the viewer may confirm or correct results (确认/纠正): the form's CSRF token. */
  decide?: { csrf: string } | null;
}

const VERDICT_SHORT: Record<TaskCheck["verdict"], string> = {
  basic: "基本",
  cooperative: "配合",
  reclaimed: "收回",
  unlisted: "清单外",
};

/** The top three candidates of an answer a person should confirm: the answered item first. */
function Candidates(props: { task: TaskCheck; townshipRef: string }) {
  const { task, townshipRef } = props;
  const top = [...(task.item ? [task.item] : []), ...task.alternatives].slice(0, 3);
  if (!top.length) return null;
  return (
    <div class="candidates">
      待人工确认，候选事项：
      <ol>
        {top.map((c) => (
          <li>
            <a href={itemHref(townshipRef, c.list, c.number)}>
              {LIST_LABELS[c.list]}第{c.number}项
            </a>{" "}
            {c.name.length > 40 ? `${c.name.slice(0, 40)}…` : c.name}
          </li>
        ))}
      </ol>
    </div>
  );
}

function TaskRow(props: {
  task: TaskCheck;
  n: number;
  townshipRef: string;
  date: string;
  decide?: { csrf: string } | null;
}) {
  const { task, townshipRef } = props;
  const words = task.evidence.map((e) => e.task);
  return (
    <tr class={`verdict-${task.verdict}`}>
      <td class="n">{props.n}</td>
      <td class="task">
        <Marked text={task.text} words={words} />
        <div class="offsets">
          第 {task.start}–{task.end} 字
        </div>
      </td>
      <td class="verdict">
        <span class={`badge badge-${task.verdict}`}>{VERDICT_SHORT[task.verdict]}</span>
        <div class="confidence">置信度 {task.confidence.toFixed(2)}</div>
        {task.needs_review ? <div class="review">待人工确认</div> : null}
      </td>
      <td class="answer">
        {task.item ? (
          <p class="matched">
            <a href={itemHref(townshipRef, task.item.list, task.item.number)}>
              {LIST_LABELS[task.item.list]}第{task.item.number}项
            </a>
            ：{task.item.name}
          </p>
        ) : null}
        <p class="reason">{task.reason}</p>
        {task.leadDepartments?.length ? <p>牵头部门：{task.leadDepartments.join("、")}</p> : null}
        {task.townshipSteps?.length ? (
          <div>
            乡镇配合职责：
            <ol class="steps">
              {task.townshipSteps.map((s) => (
                <li>
                  <Marked text={s} words={words} />
                </li>
              ))}
            </ol>
          </div>
        ) : null}
        {task.takeover ? (
          <div>
            <p>承接部门：{task.takeover.departments.join("、") || "无"}</p>
            {task.takeover.workMethod.length ? (
              <p class="method">工作方式：{task.takeover.workMethod.join("；")}</p>
            ) : null}
          </div>
        ) : null}
        {task.evidence.length ? (
          <p class="evidence">
            依据：
            {task.evidence.map((e, i) => (
              <>
                {i ? "，" : ""}
                <mark>{e.task}</mark>
                {e.task === e.item ? "" : `→${e.item}`}
                <span class="field">（{EVIDENCE_FIELD_LABELS[e.field]}）</span>
              </>
            ))}
          </p>
        ) : null}
        {task.needs_review ? <Candidates task={task} townshipRef={townshipRef} /> : null}
        {!task.needs_review && task.alternatives.length ? (
          <p class="alternatives">
            其他可能：
            {task.alternatives.map((a, i) => (
              <>
                {i ? "；" : ""}
                <a href={itemHref(townshipRef, a.list, a.number)}>
                  {LIST_LABELS[a.list]}第{a.number}项
                </a>{" "}
                {a.name.length > 24 ? `${a.name.slice(0, 24)}…` : a.name}（{a.score.toFixed(2)}）
              </>
            ))}
          </p>
        ) : null}
        {props.decide ? (
          <DecisionForm task={task} townshipRef={townshipRef} csrf={props.decide.csrf} />
        ) : null}
      </td>
    </tr>
  );
}

/** The results table (shared by the page and the print view). */
export function CheckResults(props: CheckView) {
  const tasks = props.tasks ?? [];
  const counts = { basic: 0, cooperative: 0, reclaimed: 0, unlisted: 0 };
  for (const t of tasks) counts[t.verdict]++;
  return (
    <section class="check-results">
      {props.notice ? <p class="notice">{props.notice}</p> : null}
      {tasks.length === 0 ? (
        <p class="empty">未识别出任务。</p>
      ) : (
        <>
          <p class="summary-line">
            共 {tasks.length} 项任务：
            {(Object.keys(counts) as (keyof typeof counts)[])
              .filter((v) => counts[v] > 0)
              .map((v) => `${VERDICT_LABELS[v]} ${counts[v]} 项`)
              .join("，")}
          </p>
          <table class="check-table">
            <thead>
              <tr>
                <th>#</th>
                <th>任务</th>
                <th>结论</th>
                <th>对应事项与依据</th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((t, i) => (
                <TaskRow
                  task={t}
                  n={i + 1}
                  townshipRef={props.townshipRef}
                  date={props.date}
                  decide={props.decide}
                />
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function formAction(townshipRef: string): string {
  return `/t/${encodeURIComponent(townshipRef)}/check`;
}

/** The page: form, then results when there are some. */
export function CheckPage(props: CheckView) {
  const action = formAction(props.townshipRef);
  return (
    <Layout
      title={`任务核验 · ${props.township}`}
      crumbs={[
        { href: `/t/${encodeURIComponent(props.townshipRef)}`, label: props.township },
        { href: action, label: "任务核验" },
      ]}
    >
      <link rel="stylesheet" href={assetHref("check.css")} />
      <h1>任务核验</h1>
      <p class="explain">
        粘贴上级部门交办的任务或整份通知，或上传通知文件（.txt、.docx、.pdf、.doc、.wps）或任务表（.xlsx、.csv，每行一项任务，见
        <a href={`${action}/sheet`}>任务表核验</a>），逐项判断属于{props.township}（{props.county}，
        {props.date} 版清单）的基本履职事项、配合履职事项、上级部门收回事项，还是清单外事项（需职责准入）。
      </p>
      <form class="check-form" method="post" action={action} enctype="multipart/form-data">
        <label for="check-text">任务或通知全文</label>
        <textarea id="check-text" name="text" rows={8}>
          {props.text}
        </textarea>
        <label for="check-file">
          或上传通知文件（.txt、.docx、.pdf、.doc、.wps），或每行一项任务的表格（.xlsx、.csv）
        </label>
        <input id="check-file" type="file" name="file" accept={ACCEPT_ATTRIBUTE} />
        <div class="actions">
          <button type="submit" name="view" value="page">
            核验
          </button>
          <button type="submit" name="view" value="print">
            打印视图
          </button>
        </div>
      </form>
      {props.tasks ? <CheckResults {...props} /> : null}
    </Layout>
  );
}

/** The print view: the results alone with a heading, for attaching to a reply. */
export function CheckPrint(props: CheckView) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <title>{`任务核验结果 · ${props.township}`}</title>
        <link rel="stylesheet" href={assetHref("style.css")} />
        <link rel="stylesheet" href={assetHref("check.css")} />
      </head>
      <body class="check-print">
        <h1>任务核验结果</h1>
        <p class="meta">
          {props.county}
          {props.township}履职事项清单（{props.date} 版）
          {props.file ? `　来源文件：${props.file}` : ""}
        </p>
        <CheckResults {...props} />
        <p class="meta print-foot">
          由“履职”平台依据已公布的履职事项清单自动核验，结论供参考，以清单原文为准。
        </p>
      </body>
    </html>
  );
}

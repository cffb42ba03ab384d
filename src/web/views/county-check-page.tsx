/** @jsxImportSource hono/jsx */
/**
 * The county-wide check (/c/:county/check): one text checked against every township of the county, shown
 * as a matrix — a row per task, a column per township, each cell the township's verdict and item.
 * On a phone the table becomes one card per task (table.cards-narrow in style.css).
 */

import type { CountyCheck } from "../../county/check.ts";
import { LIST_LABELS } from "../../domain/edition.ts";
import { VERDICT_LABELS, type Verdict } from "../../domain/verdict.ts";
import { assetHref } from "../assets.ts";
import { itemHref } from "../urls.ts";
import type { Viewer } from "../viewer.ts";
import { Layout } from "./layout.tsx";

export interface CountyCheckView {
  county: string;
  townships: string[];
  text: string;
  result: CountyCheck | null;
}

export const VERDICT_SHORT: Record<Verdict, string> = {
  basic: "基本",
  cooperative: "配合",
  reclaimed: "收回",
  unlisted: "清单外",
};

function Matrix(props: { result: CountyCheck }) {
  const { result } = props;
  const first = result.townships[0];
  const tasks = first?.tasks ?? [];
  if (tasks.length === 0) return <p class="empty">{first?.notice ?? "未识别出任务。"}</p>;
  const ref = (township: string) => `${result.county}/${township}`;
  return (
    <table class="grid county-check cards-narrow">
      <thead>
        <tr>
          <th scope="col">序号</th>
          <th scope="col">任务</th>
          {result.townships.map((t) => (
            <th scope="col">{t.township}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {tasks.map((task, i) => (
          <tr>
            <td class="num" data-label="序号">
              {i + 1}
            </td>
            <td class="task" data-label="任务">
              {task.text}
            </td>
            {result.townships.map((t) => {
              const answer = t.tasks[i];
              if (!answer) return <td data-label={t.township}>—</td>;
              return (
                <td class={`verdict-${answer.verdict}`} data-label={t.township}>
                  <span class={`badge badge-${answer.verdict}`} title={VERDICT_LABELS[answer.verdict]}>
                    {VERDICT_SHORT[answer.verdict]}
                  </span>{" "}
                  {answer.item ? (
                    <a href={itemHref(ref(t.township), answer.item.list, answer.item.number)}>
                      {LIST_LABELS[answer.item.list]}第{answer.item.number}项
                    </a>
                  ) : null}
                  {answer.needs_review ? <span class="review">（待人工确认）</span> : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CountyCheckPage(props: CountyCheckView & { viewer: Viewer }) {
  const action = `/c/${encodeURIComponent(props.county)}/check`;
  return (
    <Layout
      viewer={props.viewer}
      title={`全县任务核验 · ${props.county}`}
      crumbs={[
        { href: "/check", label: "任务核验" },
        { href: action, label: `${props.county}全县核验` },
      ]}
    >
      <link rel="stylesheet" href={assetHref("check.css")} />
      <h1>{props.county}全县任务核验</h1>
      <p class="explain">
        一段任务或整份通知，逐项对照全县 {props.townships.length} 个乡镇（{props.townships.join("、")}
        ）各自公布的清单核验：同一任务在不同乡镇可能分属不同清单。
      </p>
      <form class="check-form" method="post" action={action}>
        <label for="county-check-text">任务或通知全文</label>
        <textarea id="county-check-text" name="text" rows={8}>
          {props.text}
        </textarea>
        <div class="actions">
          <button type="submit">全县核验</button>
        </div>
      </form>
      {props.result ? <Matrix result={props.result} /> : null}
    </Layout>
  );
}

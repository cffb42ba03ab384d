/** @jsxImportSource hono/jsx */
/** The comparison of two editions and an item's history across editions. */
import type { StoredEdition } from "../../store/types.ts";
import type { EditionDiff, ItemRef } from "../../workflow/diff.ts";
import type { HistoryStep } from "../../workflow/history.ts";
import type { TownshipRef } from "../../workflow/places.ts";
import { itemPlace } from "../item-names.ts";
import { historyHref } from "../urls.ts";
import { Changes, DiffView } from "./diff-view.tsx";
import { STATUS_LABELS } from "./labels.ts";

const enc = encodeURIComponent;

export interface DiffData {
  township: TownshipRef;
  from: StoredEdition;
  to: StoredEdition;
  diff: EditionDiff;
}

export function DiffBody(props: { data: DiffData }) {
  const { township, from, to, diff } = props.data;
  const href = (date: string) => (r: ItemRef) => historyHref(township.name, date, r.list, r.number);
  return (
    <>
      <h1>
        {township.name}：{from.date}（{STATUS_LABELS[from.status]}） → {to.date}（{STATUS_LABELS[to.status]}）
      </h1>
      <DiffView diff={diff} href={href(to.date)} beforeHref={href(from.date)} />
    </>
  );
}

const EVENTS: Record<HistoryStep["event"], string> = {
  first: "最早版本",
  added: "新增",
  changed: "修改",
  moved: "调整清单",
  unchanged: "未变",
  removed: "取消",
  absent: "无此事项",
};

/** The item's name in the newest edition that holds it (the one the visitor came from), not the oldest. */
export function historyName(steps: readonly HistoryStep[]): string {
  return [...steps].reverse().find((s) => s.item)?.item?.name ?? "";
}

export function HistoryBody(props: { township: TownshipRef; steps: HistoryStep[] }) {
  const { township, steps } = props;
  const name = historyName(steps);
  return (
    <>
      <h1>事项历史：{name}</h1>
      <table class="grid">
        <thead>
          <tr>
            <th scope="col">版本</th>
            <th scope="col">状态</th>
            <th scope="col">位置</th>
            <th scope="col">变化</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => (
            <tr>
              <td>
                <a href={`/t/${enc(township.name)}?edition=${enc(s.date)}`}>{s.date}</a>
              </td>
              <td>{STATUS_LABELS[s.status]}</td>
              <td>{s.item ? itemPlace(s.item.list, s.item.number) : "—"}</td>
              <td>
                {EVENTS[s.event]}
                {s.changes.length ? <Changes changes={s.changes} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

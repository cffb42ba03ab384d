/** @jsxImportSource hono/jsx */
/** Rendering an edition diff: each changed field side by side (steps row by row), lists of items, totals. */
import type { Child } from "hono/jsx";
import { LIST_KINDS, LIST_LABELS } from "../../domain/edition.ts";
import type { ChangedItem, EditionDiff, FieldChange, ItemRef, Piece, StepRow } from "../../workflow/diff.ts";
import { itemPlace } from "../item-names.ts";

/** Word-level pieces: removed in red, added in green, each with a text marker for print and screen readers. */
export function Pieces(props: { pieces: Piece[] }) {
  return (
    <>
      {props.pieces.map((p) =>
        p.op === "add" ? (
          <ins>
            <span class="diff-mark">〔增〕</span>
            {p.text}
          </ins>
        ) : p.op === "del" ? (
          <del>
            <span class="diff-mark">〔删〕</span>
            {p.text}
          </del>
        ) : (
          <span>{p.text}</span>
        ),
      )}
    </>
  );
}

const ROW_MARKS: Record<StepRow["op"], string> = { same: "", add: "〔增〕", del: "〔删〕", change: "〔改〕" };

/** One side of a step row: its mark (when this side changed), its number and its words; — when absent. */
function StepCell(props: {
  side: Piece[] | null;
  marked: boolean;
  op: StepRow["op"];
  number: number | null;
}) {
  if (!props.side) return <td class="step-none">—</td>;
  return (
    <td>
      {props.marked ? <span class="row-mark">{ROW_MARKS[props.op]}</span> : null}
      {props.number ? `${props.number}. ` : ""}
      <Pieces pieces={props.side} />
    </td>
  );
}

/** The before/after table every field change is shown in (the caption for screen readers). */
function SideBySide(props: { caption: string; children: Child }) {
  return (
    <table class="steps-diff">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">调整前</th>
          <th scope="col">调整后</th>
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}

/** A step list side by side: before on the left, after on the right, one row per step. */
function StepTable(props: { label: string; rows: StepRow[] }) {
  let before = 0;
  let after = 0;
  return (
    <SideBySide caption={`${props.label}：调整前后逐步对照`}>
      {props.rows.map((r) => {
        const b = r.before && !r.heading ? ++before : null;
        const a = r.after && !r.heading ? ++after : null;
        return (
          <tr class={`step-${r.op}${r.heading ? " step-heading" : ""}`}>
            <StepCell side={r.before} marked={r.op === "del" || r.op === "change"} op={r.op} number={b} />
            <StepCell side={r.after} marked={r.op === "add" || r.op === "change"} op={r.op} number={a} />
          </tr>
        );
      })}
    </SideBySide>
  );
}

/** One field's change: a plain text before → after, or its steps side by side. */
function FieldDiff(props: { change: FieldChange }) {
  const ch = props.change;
  if (ch.rows) return <StepTable label={ch.label} rows={ch.rows} />;
  const before = ch.pieces.filter((p) => p.op !== "add");
  const after = ch.pieces.filter((p) => p.op !== "del");
  return (
    <SideBySide caption={`${ch.label}：调整前后对照`}>
      <tr class="step-change">
        <td>{before.length ? <Pieces pieces={before} /> : "—"}</td>
        <td>{after.length ? <Pieces pieces={after} /> : "—"}</td>
      </tr>
    </SideBySide>
  );
}

/** What a change does to the steps, in one sentence (删除了 3 个步骤，新增 1 个步骤). */
export function stepSummary(changes: FieldChange[]): string {
  const removed = changes.reduce((n, c) => n + c.stepsRemoved, 0);
  const added = changes.reduce((n, c) => n + c.stepsAdded, 0);
  return [removed ? `删除了 ${removed} 个步骤` : "", added ? `新增 ${added} 个步骤` : ""]
    .filter(Boolean)
    .join("，");
}

/** Each changed field with its label, side by side; a warning first when steps are removed. */
export function Changes(props: { changes: FieldChange[] }) {
  const removed = props.changes.reduce((n, c) => n + c.stepsRemoved, 0);
  return (
    <div class="changes">
      {removed ? <p class="notice error steps-removed">注意：{stepSummary(props.changes)}。</p> : null}
      {props.changes.map((ch) => (
        <section class="field-change">
          <h4>{ch.label}</h4>
          <FieldDiff change={ch} />
        </section>
      ))}
    </div>
  );
}

function place(r: ItemRef): string {
  return itemPlace(r.list, r.number);
}

function ItemLinks(props: { items: ItemRef[]; href: (r: ItemRef) => string }) {
  if (props.items.length === 0) return <p class="empty">无</p>;
  return (
    <ul>
      {props.items.map((r) => (
        <li>
          <a href={props.href(r)}>{place(r)}</a>：{r.name}
        </li>
      ))}
    </ul>
  );
}

function ChangedList(props: { items: ChangedItem[]; href: (r: ItemRef) => string }) {
  if (props.items.length === 0) return <p class="empty">无</p>;
  return (
    <ul>
      {props.items.map((c) => (
        <li>
          {place(c.before)} → <a href={props.href(c.after)}>{place(c.after)}</a>：{c.after.name}
          <Changes changes={c.changes} />
        </li>
      ))}
    </ul>
  );
}

/** The whole diff: totals table, then added, removed, moved, changed. */
export function DiffView(props: {
  diff: EditionDiff;
  href: (r: ItemRef) => string;
  beforeHref: (r: ItemRef) => string;
}) {
  const { diff } = props;
  return (
    <>
      <table class="grid stack">
        <thead>
          <tr>
            <th scope="col">清单</th>
            <th scope="col">调整前事项数</th>
            <th scope="col">调整后事项数</th>
            <th scope="col">调整前类别数</th>
            <th scope="col">调整后类别数</th>
          </tr>
        </thead>
        <tbody>
          {LIST_KINDS.map((l) => (
            <tr>
              <td data-label="清单">{LIST_LABELS[l]}</td>
              <td data-label="调整前事项数" class="num">
                {diff.totals.before[l].items}
              </td>
              <td data-label="调整后事项数" class="num">
                {diff.totals.after[l].items}
              </td>
              <td data-label="调整前类别数" class="num">
                {diff.totals.before[l].categories}
              </td>
              <td data-label="调整后类别数" class="num">
                {diff.totals.after[l].categories}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>新增事项（{diff.added.length}）</h2>
      <ItemLinks items={diff.added} href={props.href} />
      <h2>取消事项（{diff.removed.length}）</h2>
      <ItemLinks items={diff.removed} href={props.beforeHref} />
      <h2>调整所属清单（{diff.moved.length}）</h2>
      <ChangedList items={diff.moved} href={props.href} />
      <h2>内容修改（{diff.changed.length}）</h2>
      <ChangedList items={diff.changed} href={props.href} />
      {diff.renumbered.length ? (
        <details>
          <summary>内容未变、仅序号顺延：{diff.renumbered.length} 项</summary>
          <p>
            {diff.renumbered.map((r) => (
              <span>
                {r.before.key}→{r.after.number}{" "}
              </span>
            ))}
          </p>
        </details>
      ) : null}
      <p>未变化事项：{diff.unchanged} 项</p>
    </>
  );
}

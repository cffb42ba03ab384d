/** @jsxImportSource hono/jsx */
/** Rendering an edition diff: word-level pieces as <ins>/<del>, lists of items, totals. */
import { LIST_KINDS, LIST_LABELS } from "../../domain/edition.ts";
import type { ChangedItem, EditionDiff, FieldChange, ItemRef, Piece } from "../../workflow/diff.ts";

export function Pieces(props: { pieces: Piece[] }) {
  return (
    <>
      {props.pieces.map((p) =>
        p.op === "add" ? <ins>{p.text}</ins> : p.op === "del" ? <del>{p.text}</del> : <span>{p.text}</span>,
      )}
    </>
  );
}

export function Changes(props: { changes: FieldChange[] }) {
  return (
    <dl class="changes">
      {props.changes.map((ch) => (
        <>
          <dt>{ch.label}</dt>
          <dd class="diff-text">
            <Pieces pieces={ch.pieces} />
          </dd>
        </>
      ))}
    </dl>
  );
}

function place(r: ItemRef): string {
  return `${LIST_LABELS[r.list]} 第 ${r.number} 项`;
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
      <table class="grid">
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
              <td>{LIST_LABELS[l]}</td>
              <td class="num">{diff.totals.before[l].items}</td>
              <td class="num">{diff.totals.after[l].items}</td>
              <td class="num">{diff.totals.before[l].categories}</td>
              <td class="num">{diff.totals.after[l].categories}</td>
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

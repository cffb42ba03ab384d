/** @jsxImportSource hono/jsx */
/**
 * Filing an adjustment proposal: the start (township, kind, the item concerned) and the form of one kind,
 * prefilled from the item as it stands, with the changes so far shown side by side.
 */
import type { Context } from "hono";
import { type Item, LIST_KINDS, LIST_LABELS, type ListKind } from "../../domain/edition.ts";
import type { ProposalKind } from "../../store/workflow-schema.ts";
import type { FieldChange } from "../../workflow/diff.ts";
import { PROPOSAL_KIND_LABELS } from "../../workflow/proposals.ts";
import type { ItemEdit } from "../item-edit.ts";
import { itemName } from "../item-names.ts";
import { Changes } from "./diff-view.tsx";
import { ItemFields } from "./item-form.tsx";
import { Form, Notice } from "./workflow-ui.tsx";

const KINDS = Object.keys(PROPOSAL_KIND_LABELS) as ProposalKind[];

/** What the form of one proposal holds between round trips. */
export interface ProposalDraft {
  kind: ProposalKind;
  /** A township's name, or "county:策勒县" for every township of a county (admin). */
  township: string;
  /** change/move/remove: the item concerned, as it stands. */
  target?: { list: ListKind; number: number };
  before?: Item;
  /** add/change/move: the item's fields as edited. */
  edit?: ItemEdit;
  reason: string;
  /** A review comment this change carries out (the admin applies it to the draft at once). */
  comment?: { id: number; itemKey: string; body: string; answer: string | null };
}

/** The first step's fields as a refused start sent them, shown again with the reason. */
export interface RefusedStart {
  township: string;
  kind: string;
  list: string;
  number: string;
  to: string;
  message: string;
}

/**
 * The first step: where, what kind of change, which item. A GET form, so it works without a session token.
 * `refused`: the step as sent, with why it cannot go on (修改 without the item's number).
 */
export function StartForm(props: {
  townships: string[];
  counties: string[];
  fixed: string | null;
  refused?: RefusedStart | null;
}) {
  const r = props.refused ?? null;
  return (
    <form method="get" action="/adjust/new" class="stacked" id="start">
      <h2>提出调整建议</h2>
      {r ? <Notice kind="error">{r.message}</Notice> : null}
      <div class="field">
        {props.fixed ? (
          <>
            乡镇：{props.fixed}
            <input type="hidden" name="township" value={props.fixed} />
          </>
        ) : (
          <>
            <label for="start-township">乡镇</label>
            <select id="start-township" name="township">
              {props.townships.map((t) => (
                <option value={t} selected={r?.township === t}>
                  {t}
                </option>
              ))}
              {props.counties.map((county) => (
                <option value={`county:${county}`} selected={r?.township === `county:${county}`}>
                  {county}全部乡镇
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      <div class="field">
        <label for="start-kind">调整类型</label>
        <select id="start-kind" name="kind">
          {KINDS.map((k) => (
            <option value={k} selected={r?.kind === k}>
              {PROPOSAL_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="start-list">清单（新增时为新事项所在清单；修改、移动、取消时为原事项所在清单）</label>
        <select id="start-list" name="list">
          {LIST_KINDS.map((l) => (
            <option value={l} selected={r?.list === l}>
              {LIST_LABELS[l]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="start-number">原事项序号（修改、移动、取消时填写）</label>
        <input
          id="start-number"
          name="number"
          type="number"
          min="1"
          inputmode="numeric"
          value={r?.number || undefined}
        />
      </div>
      <div class="field">
        <label for="start-to">移至清单（仅移动时选择）</label>
        <select id="start-to" name="to">
          <option value="">—</option>
          {LIST_KINDS.map((l) => (
            <option value={l} selected={r?.to === l}>
              {LIST_LABELS[l]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">下一步：填写内容</button>
    </form>
  );
}

/** The item concerned, read-only (for a removal). */
function ItemSummary(props: { item: Item }) {
  const i = props.item;
  return (
    <dl class="item-summary">
      <dt>事项类别</dt>
      <dd>{i.category}</dd>
      <dt>事项名称</dt>
      <dd>{i.name}</dd>
      {i.list === "cooperative" ? (
        <>
          <dt>牵头部门</dt>
          <dd>{[...i.leadDepartments, ...i.otherLeads].join("、")}</dd>
          <dt>步骤</dt>
          <dd>
            上级部门职责 {i.departmentDuties.flatMap((b) => b.steps).length} 步，乡镇（街道）配合职责{" "}
            {i.townshipDuties.flatMap((b) => b.steps).length} 步
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** The form of one proposal; `error` after a refused submission (the input is kept). */
export function ProposalFormBody(props: {
  c: Context;
  draft: ProposalDraft;
  changes: FieldChange[];
  error?: string;
  admin: boolean;
}) {
  const { c, draft, changes } = props;
  const place = draft.township.startsWith("county:") ? `${draft.township.slice(7)}全部乡镇` : draft.township;
  const submit = draft.comment && props.admin ? "按意见直接修改草稿" : "提交建议";
  return (
    <>
      <h1>提出调整建议：{PROPOSAL_KIND_LABELS[draft.kind]}</h1>
      <p>
        乡镇：{place}
        {draft.before ? <>；原事项：{itemName(draft.before)}</> : null}
        {draft.kind === "move" && draft.edit ? `；移至${LIST_LABELS[draft.edit.list]}` : ""}
      </p>
      {draft.comment ? (
        <Notice>
          按审核意见修改：{draft.comment.body}
          {draft.comment.answer ? `；答复：${draft.comment.answer}` : ""}
        </Notice>
      ) : null}
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <Form c={c} action="/adjust" class="stacked item-edit">
        {/* Enter in a text field submits with the first button: make it the proposal's, not a step button. */}
        <button type="submit" class="implicit-submit" tabindex={-1}>
          {submit}
        </button>
        <input type="hidden" name="kind" value={draft.kind} />
        <input type="hidden" name="township" value={draft.township} />
        {draft.target ? (
          <>
            <input type="hidden" name="targetList" value={draft.target.list} />
            <input type="hidden" name="targetNumber" value={String(draft.target.number)} />
          </>
        ) : null}
        {draft.comment ? <input type="hidden" name="comment" value={String(draft.comment.id)} /> : null}
        {draft.edit ? (
          <ItemFields edit={draft.edit} />
        ) : draft.before ? (
          <ItemSummary item={draft.before} />
        ) : null}
        <div class="field">
          <label for="reason">调整理由</label>
          <textarea id="reason" name="reason" rows={2} required>
            {draft.reason}
          </textarea>
        </div>
        <p>
          {draft.edit && draft.before ? (
            <>
              <button type="submit" name="op" value="preview" formnovalidate>
                预览改动
              </button>{" "}
            </>
          ) : null}
          <button type="submit">{submit}</button> <a href="/adjust">取消</a>
        </p>
      </Form>
      {draft.before && draft.edit ? (
        <section>
          <h2>与原事项比较</h2>
          {changes.length ? <Changes changes={changes} /> : <p class="empty">尚未改动。</p>}
        </section>
      ) : null}
    </>
  );
}

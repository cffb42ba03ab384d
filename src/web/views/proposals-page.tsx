/** @jsxImportSource hono/jsx */
/** The adjustment page: the drafts a user may open, the proposal form and the proposals with their decisions. */
import type { Context } from "hono";
import { LIST_KINDS, LIST_LABELS } from "../../domain/edition.ts";
import type { StoredEdition } from "../../store/types.ts";
import type { ProposalKind } from "../../store/workflow-schema.ts";
import { PROPOSAL_KIND_LABELS, PROPOSAL_STATUS_LABELS, type ProposalView } from "../../workflow/proposals.ts";
import { draftHref } from "../urls.ts";
import { ItemFields } from "./item-form.tsx";
import { STATUS_LABELS } from "./labels.ts";
import { Form } from "./workflow-ui.tsx";

const KINDS = Object.keys(PROPOSAL_KIND_LABELS) as ProposalKind[];

function ProposalRows(props: { c: Context; rows: ProposalView[]; admin: boolean }) {
  if (props.rows.length === 0) return <p class="empty">暂无调整建议。</p>;
  return (
    <table class="grid">
      <thead>
        <tr>
          <th scope="col">编号</th>
          <th scope="col">乡镇</th>
          <th scope="col">类型</th>
          <th scope="col">事项</th>
          <th scope="col">理由</th>
          <th scope="col">提出人</th>
          <th scope="col">状态</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((p) => (
          <tr>
            <td>{p.id}</td>
            <td>{p.township ?? "全县"}</td>
            <td>{PROPOSAL_KIND_LABELS[p.kind]}</td>
            <td>
              {p.target ? `${LIST_LABELS[p.target.list]} 第 ${p.target.number} 项 ${p.target.name}` : ""}
              {p.item ? ` → ${LIST_LABELS[p.item.list]}：${p.item.name}` : ""}
            </td>
            <td>{p.reason}</td>
            <td>{p.author}</td>
            <td>
              {PROPOSAL_STATUS_LABELS[p.status]}
              {p.decisionReason ? `（${p.decisionReason}）` : ""}
              {p.editionDate && p.township ? (
                <>
                  {" "}
                  <a href={draftHref(p.township, p.editionDate)}>草稿 {p.editionDate}</a>
                </>
              ) : null}
              {props.admin && p.status === "open" ? (
                <>
                  <Form c={props.c} action={`/adjust/${p.id}/decision`}>
                    <input type="hidden" name="accept" value="1" />
                    <button type="submit">采纳，列入草稿</button>
                  </Form>
                  <Form c={props.c} action={`/adjust/${p.id}/decision`}>
                    <input type="hidden" name="accept" value="0" />
                    <input name="reason" placeholder="不采纳理由" required />{" "}
                    <button type="submit">不采纳</button>
                  </Form>
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ProposalForm(props: { c: Context; townships: string[]; counties: string[]; fixed: string | null }) {
  return (
    <Form c={props.c} action="/adjust">
      <h2>提出调整建议</h2>
      <p>
        {props.fixed ? (
          <>
            乡镇：{props.fixed}
            <input type="hidden" name="township" value={props.fixed} />
          </>
        ) : (
          <label>
            乡镇
            <select name="township">
              {props.townships.map((t) => (
                <option value={t}>{t}</option>
              ))}
              {props.counties.map((county) => (
                <option value={`county:${county}`}>{county}全部乡镇</option>
              ))}
            </select>
          </label>
        )}{" "}
        <label>
          调整类型
          <select name="kind">
            {KINDS.map((k) => (
              <option value={k}>{PROPOSAL_KIND_LABELS[k]}</option>
            ))}
          </select>
        </label>
      </p>
      <p>
        修改、移动、取消时指明原事项：
        <label>
          清单
          <select name="targetList">
            {LIST_KINDS.map((l) => (
              <option value={l}>{LIST_LABELS[l]}</option>
            ))}
          </select>
        </label>{" "}
        <label>
          序号 <input name="targetNumber" type="number" min="1" />
        </label>
      </p>
      <ItemFields />
      <p>
        <label>
          调整理由 <input name="reason" size={60} required />
        </label>
      </p>
      <button type="submit">提交建议</button>
    </Form>
  );
}

/** What the adjustment page shows. */
export interface ProposalsData {
  rows: ProposalView[];
  drafts: Pick<StoredEdition, "township" | "date" | "status">[];
  townships: string[];
  counties: string[];
  /** A township user proposes for its own township only. */
  fixed: string | null;
  admin: boolean;
}

export function ProposalsBody(props: { c: Context; data: ProposalsData }) {
  const d = props.data;
  return (
    <>
      <h1>清单动态调整</h1>
      {d.drafts.length ? (
        <>
          <h2>草稿与审核中的清单</h2>
          <ul>
            {d.drafts.map((e) => (
              <li>
                <a href={draftHref(e.township, e.date)}>
                  {e.township} {e.date}（{STATUS_LABELS[e.status]}）
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <ProposalForm c={props.c} townships={d.townships} counties={d.counties} fixed={d.fixed} />
      <h2>调整建议</h2>
      <ProposalRows c={props.c} rows={d.rows} admin={d.admin} />
    </>
  );
}
